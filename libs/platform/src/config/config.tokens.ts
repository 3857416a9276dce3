/** Injection token of the service's validated configuration object. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
/** Injection token of the service's identity (name, schema, queues). */
export const SERVICE_IDENTITY = Symbol('SERVICE_IDENTITY');

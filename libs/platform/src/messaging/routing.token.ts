/** Injection token of the routing table (the contracts' table unless a test narrows it). */
export const ROUTING_TABLE = Symbol('ROUTING_TABLE');

export * from './domain-codes';
export * from './envelope';
export * from './events';
export * from './queues';
export * from './roles';
export * from './routing';

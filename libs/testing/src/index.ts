export * from './test-app';
export * from './test-database';
export * from './test-redis';
export * from './openapi-lint';
export * from './test-events';
export * from './private-redis';
export * from './users';
export * from './comparable-rows';

export * from './test-app';
export * from './test-database';
export * from './test-redis';
export * from './openapi-lint';
export * from './test-events';

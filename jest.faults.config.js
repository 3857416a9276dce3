// npm run test:faults: the fault-injection suite (test/faults), kept out of npm test. It drives the
// built services as processes with a private redis-server and PostgreSQL behind a proxy it can cut.
const { projects } = require('./jest.config.js');

const e2e = projects.find((project) => project.displayName === 'e2e');

module.exports = {
  ...e2e,
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  testTimeout: 300_000,
  // One scenario file at a time: each starts three services and a redis-server on a 2-core machine.
  maxWorkers: 1,
};

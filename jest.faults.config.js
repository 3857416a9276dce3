// npm run test:faults: the fault-injection suite (test/faults), kept out of npm test. It drives the
// built services as processes with a private redis-server and PostgreSQL behind a proxy it can cut.
const { projects } = require('./jest.config.js');

const e2e = projects.find((project) => project.displayName === 'e2e');

module.exports = {
  ...e2e,
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  testTimeout: 300_000,
  // Two scenario files at a time: much of a scenario is waiting (Redis stopped 30 s, PostgreSQL cut,
  // BullMQ's stall checks), so two fit a 2-core machine and keep the suite under 15 minutes.
  maxWorkers: 2,
};

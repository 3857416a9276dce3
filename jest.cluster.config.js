// npm run test:cluster: the services' messaging on a six-node Redis Cluster (scripts/cluster) that
// the global setup starts on loopback and the teardown stops; kept out of npm test.
const { projects } = require('./jest.config.js');

const integration = projects.find((project) => project.displayName === 'integration');

module.exports = {
  ...integration,
  displayName: 'cluster',
  testMatch: ['<rootDir>/test/cluster/**/*.cluster-spec.ts'],
  globalSetup: '<rootDir>/test/cluster/support/cluster-global-setup.ts',
  globalTeardown: '<rootDir>/test/cluster/support/cluster-global-teardown.ts',
  testTimeout: 180_000,
  // The files share one cluster, and a failover in one must not surprise another.
  maxWorkers: 1,
};

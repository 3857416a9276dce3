// npm run test:pooler: the built services through PgBouncer in transaction mode (Debian's pgbouncer),
// each signed in as its own role, migrating over a direct connection.
const { projects } = require('./jest.config.js');

const e2e = projects.find((project) => project.displayName === 'e2e');

module.exports = {
  ...e2e,
  displayName: 'pooler',
  testMatch: ['<rootDir>/test/pooler/**/*.pooler-spec.ts'],
  testTimeout: 180_000,
};

// Resolves the @koperasi/* library aliases to the compiled output in dist/.
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');

const dist = path.resolve(__dirname, '..', 'dist');
tsconfigPaths.register({
  baseUrl: dist,
  paths: {
    '@koperasi/contracts': ['libs/contracts/src'],
    '@koperasi/platform': ['libs/platform/src'],
  },
});

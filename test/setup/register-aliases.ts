// Jest's moduleNameMapper does not apply to globalSetup; resolve the library aliases here too.
import path from 'node:path';
import { register } from 'tsconfig-paths';

register({ baseUrl: path.resolve(__dirname, '../..'), paths: { '@koperasi/*': ['libs/*/src'] } });

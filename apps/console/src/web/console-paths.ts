import { existsSync } from 'node:fs';
import path from 'node:path';

/** apps/console, from the sources (tests) or from dist/ (built): templates and assets stay in the source tree. */
export const CONSOLE_ROOT = [
  path.resolve(__dirname, '../..'),
  path.resolve(__dirname, '../../../../../apps/console'),
].find((dir) => existsSync(path.join(dir, 'views')))!;

export const VIEWS_DIR = path.join(CONSOLE_ROOT, 'views');
export const PUBLIC_DIR = path.join(CONSOLE_ROOT, 'public');

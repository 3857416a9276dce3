import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

/** Starts the built service with this environment; resolves with its failure (null if it ran and ended well). */
function boot(service: string, env: NodeJS.ProcessEnv) {
  return run(
    process.execPath,
    ['-r', path.join(ROOT, 'scripts/register-paths.cjs'), path.join(ROOT, `dist/apps/${service}/src/main.js`)],
    { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, timeout: 30_000 },
  ).then(
    () => null,
    (error: { code: number; stderr: string; stdout: string }) => error,
  );
}

describe('a service with a bad environment', () => {
  it.each(['registry', 'mentoring', 'dissolution'])(
    '%s refuses to start and names every bad variable',
    async (service) => {
      const failure = await boot(service, { PORT: 'eighty', REDIS_URL: 'not-a-url' });
      expect(failure).not.toBeNull();
      expect(failure?.code).toBe(1);
      const output = `${failure?.stdout}${failure?.stderr}`;
      expect(output).toContain('Invalid environment');
      expect(output).toMatch(/PORT: /);
      expect(output).toMatch(/REDIS_URL: /);
    },
  );
});

describe('a service in production', () => {
  it.each([
    ['no JWT_SECRET', undefined, /JWT_SECRET: must be set in production/],
    ['the development JWT_SECRET', 'development-secret-change-me', /JWT_SECRET: must be set in production/],
    ['a short JWT_SECRET', 'only-twenty-six-bytes-long', /JWT_SECRET: must be at least 32 bytes/],
  ])('refuses to start with %s', async (_what, secret, message) => {
    const failure = await boot('registry', { NODE_ENV: 'production', PORT: '0', JWT_SECRET: secret });
    expect(failure?.code).toBe(1);
    expect(`${failure?.stdout}${failure?.stderr}`).toMatch(message);
  });
});

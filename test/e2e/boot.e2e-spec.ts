import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

describe('a service with a bad environment', () => {
  it.each(['registry', 'mentoring', 'dissolution'])(
    '%s refuses to start and names every bad variable',
    async (service) => {
      const started = run(
        process.execPath,
        ['-r', path.join(ROOT, 'scripts/register-paths.cjs'), path.join(ROOT, `dist/apps/${service}/src/main.js`)],
        { env: { ...process.env, PORT: 'eighty', REDIS_URL: 'not-a-url', LOG_LEVEL: 'silent' }, timeout: 30_000 },
      );
      const failure = await started.then(
        () => null,
        (error: { code: number; stderr: string; stdout: string }) => error,
      );
      expect(failure).not.toBeNull();
      expect(failure?.code).toBe(1);
      const output = `${failure?.stdout}${failure?.stderr}`;
      expect(output).toContain('Invalid environment');
      expect(output).toMatch(/PORT: /);
      expect(output).toMatch(/REDIS_URL: /);
    },
  );
});

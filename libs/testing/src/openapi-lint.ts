import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
  where: string[];
}

const REDOCLY = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
const ROOT = path.resolve(__dirname, '../../..');

/**
 * Runs `redocly lint` with the repository's redocly.yaml (the recommended rules) on an OpenAPI
 * document and returns its problems, errors and warnings alike. Offline: no telemetry, no update
 * check. Its console output (a Node 20 deprecation banner) is kept out of the test's output.
 */
export async function lintOpenApi(document: unknown): Promise<LintProblem[]> {
  const directory = await mkdtemp(path.join(tmpdir(), 'openapi-lint-'));
  const file = path.join(directory, 'openapi.json');
  try {
    await writeFile(file, JSON.stringify(document));
    const args = [REDOCLY, 'lint', file, '--format=json', `--config=${path.join(ROOT, 'redocly.yaml')}`];
    const { stdout } = await promisify(execFile)(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      // Exit code 1 means problems were found; the JSON report is still on stdout.
      if (error.stdout) return { stdout: error.stdout };
      throw new Error(`redocly lint failed: ${error.stderr ?? String(error)}`);
    });
    const report = JSON.parse(stdout) as {
      problems: { ruleId: string; severity: string; message: string; location: { pointer?: string }[] }[];
    };
    return report.problems.map(({ ruleId, severity, message, location }) => ({
      ruleId,
      severity,
      message,
      where: location.map((entry) => decodeURIComponent(entry.pointer ?? '')),
    }));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ServiceName } from '@koperasi/contracts';
import { serviceRoleName } from '@koperasi/platform';
import { dissolutionDatabase } from '../../apps/dissolution/src/dissolution.database';
import { mentoringDatabase } from '../../apps/mentoring/src/mentoring.database';
import { registryDatabase } from '../../apps/registry/src/registry.database';

const SCRIPT = path.resolve(__dirname, '../../scripts/cluster/pgbouncer.mjs');

export interface RunningPgBouncer {
  port: number;
  stop(): Promise<void>;
}

/** Starts scripts/cluster/pgbouncer.mjs on `port` and waits for its ready line. */
export async function startPgBouncer(port: number): Promise<RunningPgBouncer> {
  const child: ChildProcess = spawn(process.execPath, [SCRIPT, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('"ready":true')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`pgbouncer.mjs exited (${code}): ${output.join('')}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    port,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export const DEFINITIONS = {
  registry: registryDatabase,
  mentoring: mentoringDatabase,
  dissolution: dissolutionDatabase,
};

/** `url` signed in as the service's role, optionally on another port (the pooler). */
export function asRole(url: string, service: ServiceName, port?: number): string {
  const target = new URL(url);
  target.username = serviceRoleName(DEFINITIONS[service]);
  target.password = '';
  if (port) {
    target.hostname = '127.0.0.1';
    target.port = String(port);
  }
  return target.toString();
}

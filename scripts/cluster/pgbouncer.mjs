// A PgBouncer in transaction mode on loopback in front of the local PostgreSQL, for the pooler
// and cluster tests. As a module: startPgBouncer(); as a command:
//   node scripts/cluster/pgbouncer.mjs [--port 6432] [--target 127.0.0.1:5432] [--users a,b]
// prints one JSON line {"ready":true,"port":...} and runs until SIGTERM/SIGINT.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PGBOUNCER = process.env.PGBOUNCER_BIN || '/usr/sbin/pgbouncer';
/** The roles the services sign in as (scripts/db-roles.mjs), and the superuser tests inspect with. */
export const SERVICE_ROLES = ['koperasi_registry', 'koperasi_mentoring', 'koperasi_dissolution', 'koperasi_console'];

/**
 * Starts PgBouncer (pool_mode = transaction) on 127.0.0.1:`port`, passing any database name to
 * `target`. Authentication is trust, as on the local PostgreSQL; the users must be listed.
 */
export async function startPgBouncer({
  port = 6432,
  target = '127.0.0.1:5432',
  users = [...SERVICE_ROLES, 'postgres'],
  poolSize = 20,
} = {}) {
  const [host, targetPort] = target.split(':');
  const dir = mkdtempSync(path.join(tmpdir(), 'pgbouncer-'));
  // PgBouncer refuses to run as root; as root it drops to the postgres user, who must read these files.
  chmodSync(dir, 0o755);
  const usersFile = path.join(dir, 'users.txt');
  writeFileSync(usersFile, users.map((user) => `"${user}" ""`).join('\n') + '\n', { mode: 0o644 });
  const config = path.join(dir, 'pgbouncer.ini');
  const settings = [
    '[databases]',
    `* = host=${host} port=${targetPort}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    'unix_socket_dir =',
    'auth_type = trust',
    `auth_file = ${usersFile}`,
    'pool_mode = transaction',
    `default_pool_size = ${poolSize}`,
    'max_client_conn = 1000',
    // Sent by some clients; harmless to ignore. `options` is not listed: a client sending
    // startup options through this pooler should fail loudly, not lose its search_path.
    'ignore_startup_parameters = extra_float_digits',
    'server_reset_query =',
    'log_connections = 0',
    'log_disconnections = 0',
  ];
  writeFileSync(config, settings.join('\n') + '\n', { mode: 0o644 });
  const asRoot = process.getuid?.() === 0;
  const child = spawn(PGBOUNCER, [...(asRoot ? ['-u', 'postgres'] : []), config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const output = [];
  child.stderr.on('data', (chunk) => output.push(chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitListening(port, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, pid: child.pid, stop, output: () => output.join('') };
}

async function waitListening(port, child, output, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited (${child.exitCode}): ${output.join('')}`);
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`pgbouncer did not listen on ${port}: ${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const option = (name, fallback) => {
    const index = process.argv.indexOf(`--${name}`);
    return index > 0 ? process.argv[index + 1] : fallback;
  };
  const bouncer = await startPgBouncer({
    port: Number(option('port', 6432)),
    target: option('target', '127.0.0.1:5432'),
    users: option('users', [...SERVICE_ROLES, 'postgres'].join(',')).split(','),
  });
  console.log(JSON.stringify({ ready: true, port: bouncer.port, pid: bouncer.pid }));
  const shutdown = async () => {
    await bouncer.stop();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

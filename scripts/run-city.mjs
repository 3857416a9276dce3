// npm start: migrations, then the three services as separate processes, the demo city seeded when
// the registry is empty, and where to find each API. Ctrl-C stops everything cleanly.
import { spawn } from 'node:child_process';
import {
  DEFAULT_DATABASE_URL,
  SERVICES,
  databaseDefinition,
  ensureDatabase,
  platform,
  serviceArgs,
} from './services.mjs';
import { seedCity } from './demo/seed-city.mjs';

export const PORTS = { registry: 3001, mentoring: 3002, dissolution: 3003 };
const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const children = new Map();
let stopping = false;

function startService(service) {
  const child = spawn(process.execPath, serviceArgs(service), {
    // The demo seed calls the APIs thousands of times as a few users: rate limits off unless set.
    env: {
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_COSTLY_PER_MINUTE: '0',
      ...process.env,
      PORT: String(PORTS[service]),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    children.delete(service);
    if (!stopping) {
      console.error(`${service} exited unexpectedly (code ${code}, signal ${signal}); stopping the others`);
      void stop(1);
    }
  });
  children.set(service, child);
}

async function waitReady(service, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`http://localhost:${PORTS[service]}/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${service} was not ready within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function stop(code) {
  stopping = true;
  const exits = [...children.values()].map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of children.values()) child.kill('SIGTERM');
  await Promise.all(exits);
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

await ensureDatabase(databaseUrl);
for (const service of SERVICES) {
  const applied = await platform().migrate(databaseDefinition(service), databaseUrl);
  console.log(`${service}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`);
}
SERVICES.forEach(startService);
try {
  await Promise.all(SERVICES.map((service) => waitReady(service)));
  await seedCity(Object.fromEntries(SERVICES.map((service) => [service, `http://localhost:${PORTS[service]}`])));
} catch (error) {
  console.error(error);
  await stop(1);
}

console.log('\nThe city is running. Ctrl-C stops it.\n');
for (const service of SERVICES) console.log(`  ${service.padEnd(12)} http://localhost:${PORTS[service]}/docs`);
console.log(
  '\nTokens: npm run token -- --user officer-1 --role officer   (roles: registrar, officer, supervisor, manager, admin)',
);

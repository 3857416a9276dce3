// npm start: migrations, the demo users when the console has none, then the three services and the
// console as separate processes, the demo city seeded when the registry is empty (by the demo
// users), and the console's address first. Ctrl-C stops everything cleanly.
import { spawn } from 'node:child_process';
import { APPS, DEFAULT_DATABASE_URL, SERVICES, compiled, migrateAll, serviceArgs } from './services.mjs';
import { seedCity } from './demo/seed-city.mjs';

export const PORTS = { console: 3000, registry: 3001, mentoring: 3002, dissolution: 3003 };
const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const children = new Map();
let stopping = false;

const serviceUrl = (service) => `http://localhost:${PORTS[service]}`;

function startService(service) {
  const consoleEnv =
    service === 'console'
      ? {
          REGISTRY_URL: serviceUrl('registry'),
          MENTORING_URL: serviceUrl('mentoring'),
          DISSOLUTION_URL: serviceUrl('dissolution'),
        }
      : {};
  const child = spawn(process.execPath, serviceArgs(service), {
    // The demo seed calls the APIs thousands of times as a few users: rate limits off unless set.
    env: {
      LOG_LEVEL: 'warn',
      DATABASE_PREPARED_STATEMENTS: 'true',
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_COSTLY_PER_MINUTE: '0',
      ...consoleEnv,
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

await migrateAll(process.env.MIGRATION_DATABASE_URL || databaseUrl, (app, applied) =>
  console.log(`${app}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`),
);
const { seedDemoUsers, existingDemoUsers } = compiled('apps/console/src/accounts/demo-users.js');
const demoAccounts = await seedDemoUsers(databaseUrl);
// A later start finishes an interrupted seed as the same demo users (their passwords are not shown again).
const demoActors = demoAccounts ?? (await existingDemoUsers(databaseUrl));
APPS.forEach(startService);
try {
  await Promise.all(APPS.map((app) => waitReady(app)));
  const first = (role) => demoActors.find((account) => account.roles.includes(role));
  const actor = (account) => account && { id: account.id, name: account.fullName, roles: account.roles };
  const officers = demoActors
    .filter((account) => account.roles.includes('officer'))
    .map((account) => ({ ...actor(account), kecamatan: account.kecamatan }));
  await seedCity(Object.fromEntries(SERVICES.map((service) => [service, serviceUrl(service)])), console.log, {
    registrar: actor(first('registrar')),
    officer: actor(first('officer')),
    supervisor: actor(first('supervisor')),
    officers,
  });
} catch (error) {
  console.error(error);
  await stop(1);
}

console.log(`\nThe city is running. Open the console: ${serviceUrl('console')}   (Ctrl-C stops it)\n`);
if (demoAccounts) {
  console.log('Demo accounts (shown once; an admin can reset passwords in the console):');
  for (const account of demoAccounts) {
    const roles = account.roles.join(', ') + (account.kecamatan ? ` (${account.kecamatan})` : '');
    console.log(`  ${account.username.padEnd(18)} ${account.password}   ${account.fullName}, ${roles}`);
  }
  console.log('');
}
for (const service of SERVICES) console.log(`  ${service.padEnd(12)} ${serviceUrl(service)}/docs`);
console.log(
  '\nTokens for the APIs: npm run token -- --user officer-1 --role officer   (roles: registrar, officer, supervisor, manager, admin)',
);

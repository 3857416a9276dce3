// A six-node Redis Cluster (three masters, three replicas) on loopback, from Debian's redis-server,
// in a temporary directory, for `npm run test:cluster` and by hand:
//   node scripts/cluster/redis-cluster.cjs start [--base-port 7100] [--state FILE]   prints REDIS_CLUSTER_NODES=...
//   node scripts/cluster/redis-cluster.cjs stop [--state FILE]
// From code: `startRedisCluster()` in the process that owns it (a Jest global setup), and
// `attachRedisCluster(stateFile)` in any other (a test that kills a master). Nothing is persisted
// (no RDB, no AOF): a killed node comes back empty and the cluster tells it that its replica took over.
const { spawn, execFile } = require('node:child_process');
const { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { promisify } = require('node:util');

const run = promisify(execFile);
const NODE_COUNT = 6;
const HOST = '127.0.0.1';
const DEFAULT_STATE_FILE = join(tmpdir(), 'koperasi-redis-cluster.json');

/** A replica takes over 2 s after its master stops answering (Redis's default is 15 s). */
const DEFAULT_NODE_TIMEOUT_MS = 2_000;

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

/** The first base port from `from` (in steps of 100) where the nodes and their bus ports (+10000) are free. */
async function freeBasePort(from) {
  for (let base = from; base < 20_000; base += 100) {
    const ports = Array.from({ length: NODE_COUNT }, (_, index) => base + index);
    const checks = await Promise.all(ports.flatMap((port) => [portIsFree(port), portIsFree(port + 10_000)]));
    if (checks.every(Boolean)) return base;
  }
  throw new Error('No free ports for a Redis Cluster');
}

const cli = (port, ...args) => run('redis-cli', ['-h', HOST, '-p', String(port), ...args], { timeout: 30_000 });

async function waitFor(what, probe, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Redis Cluster: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** CLUSTER NODES as seen from `port`: one { id, port, flags, masterId, connected, slots } per node. */
async function clusterNodes(port) {
  const { stdout } = await cli(port, 'CLUSTER', 'NODES');
  return stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [id, address, flags, masterId, , , , link, ...slots] = line.split(' ');
      return {
        id,
        port: Number(address.split('@')[0].split(':')[1]),
        flags: flags.split(','),
        masterId: masterId === '-' ? null : masterId,
        connected: link === 'connected',
        slots,
      };
    });
}

/** True when every node sees the cluster ok, all 16384 slots served by answering masters. */
async function clusterIsOk(ports) {
  const states = await Promise.all(ports.map((port) => cli(port, 'CLUSTER', 'INFO').then(({ stdout }) => stdout)));
  return states.every((info) => /cluster_state:ok/.test(info) && /cluster_slots_ok:16384/.test(info));
}

/**
 * True when every replica among `ports` has its link to its master up. A replica that has not
 * finished its first sync refuses to take over (its data counts as too old), so a master killed
 * before then is never replaced and its slots stay down.
 */
async function replicasInSync(ports) {
  const infos = await Promise.all(ports.map((port) => cli(port, 'INFO', 'replication').then(({ stdout }) => stdout)));
  return infos.every((info) => !/role:slave/.test(info) || /master_link_status:up/.test(info));
}

function spawnNode(dir, port, nodeTimeoutMs) {
  const nodeDir = join(dir, String(port));
  mkdirSync(nodeDir, { recursive: true });
  // prettier-ignore
  const child = spawn(
    'redis-server',
    [
      '--port', String(port),
      '--bind', HOST,
      '--dir', nodeDir,
      '--cluster-enabled', 'yes',
      '--cluster-config-file', 'nodes.conf',
      '--cluster-node-timeout', String(nodeTimeoutMs),
      '--save', '',
      '--appendonly', 'no',
      '--maxmemory-policy', 'noeviction',
      '--logfile', join(nodeDir, 'redis.log'),
    ],
    { stdio: 'ignore', detached: true },
  );
  child.unref();
  return child.pid;
}

function killPid(pid) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

const answers = (port) =>
  cli(port, 'PING').then(
    ({ stdout }) => stdout.trim() === 'PONG',
    () => false,
  );

/**
 * Controls a cluster started by `startRedisCluster`, from any process, through its state file
 * (`{ dir, ports, pids: { port: pid }, nodeTimeoutMs }`), which it keeps up to date so the
 * process that stops the cluster knows every node a test restarted.
 */
function attachRedisCluster(stateFile) {
  const read = () => JSON.parse(readFileSync(stateFile, 'utf8'));
  const write = (state) => writeFileSync(stateFile, JSON.stringify(state));
  const { dir, ports, nodeTimeoutMs } = read();
  const running = () => ports.filter((port) => read().pids[port] !== undefined);
  const cluster = {
    host: HOST,
    ports,
    dir,
    nodeTimeoutMs,
    stateFile,
    /** `host:port,...` as REDIS_CLUSTER_NODES takes it. */
    nodes: ports.map((port) => `${HOST}:${port}`).join(','),
    /** CLUSTER NODES as a running node sees it. */
    clusterNodes: () => clusterNodes(running()[0]),
    /** The ports of the masters that are up, as a running node sees them. */
    async masters() {
      const nodes = await cluster.clusterNodes();
      return nodes
        .filter((node) => node.flags.includes('master') && !node.flags.some((flag) => flag.startsWith('fail')))
        .map((node) => node.port);
    },
    /** SIGKILLs one node (its data is gone); resolves once it no longer answers. */
    async kill(port) {
      const state = read();
      if (state.pids[port] === undefined) return;
      killPid(state.pids[port]);
      delete state.pids[port];
      write(state);
      await waitFor(`node ${port} to stop`, async () => !(await answers(port)));
    },
    /** Starts a killed node again: empty, it rejoins from its nodes.conf (as a replica when another took over). */
    async restart(port) {
      const state = read();
      state.pids[port] = spawnNode(dir, port, nodeTimeoutMs);
      write(state);
      await waitFor(`node ${port}`, () => answers(port));
    },
    /** Resolves once every running node marks the killed master `port` failed and sees all its slots served again. */
    async waitForFailover(port, timeoutMs = 60_000) {
      await waitFor(
        `a replica to take over from ${port}`,
        async () => {
          const views = await Promise.all(running().map((running) => clusterNodes(running)));
          const failed = views.every((nodes) =>
            nodes.some((node) => node.port === port && node.flags.includes('fail')),
          );
          return failed && (await clusterIsOk(running()));
        },
        timeoutMs,
      );
    },
    /**
     * Resolves once every running node sees all slots served (after a failover: the replica
     * promoted) and every replica is in sync, so that any master may be killed next.
     */
    async waitUntilOk(timeoutMs = 60_000) {
      await waitFor('the cluster to be ok', () => clusterIsOk(running()), timeoutMs);
      await waitFor('every replica to be in sync', () => replicasInSync(running()), timeoutMs);
    },
    /** Kills every node and removes the directory and the state file. */
    async stop() {
      stopFromState(stateFile);
    },
  };
  return cluster;
}

/**
 * Starts six nodes on `basePort`..`basePort + 5` (by default a free range between 7100 and 20000) and
 * joins them into a cluster with one replica per master; resolves, once every node reports it ok,
 * with the handle of `attachRedisCluster` (its state in `stateFile`, or in the cluster's directory).
 */
async function startRedisCluster(options = {}) {
  // From a random range, so two runs on one machine rarely race for the same free ports.
  const basePort = options.basePort ?? (await freeBasePort(7100 + 100 * Math.floor(Math.random() * 40)));
  const nodeTimeoutMs = options.nodeTimeoutMs ?? DEFAULT_NODE_TIMEOUT_MS;
  const dir = mkdtempSync(join(tmpdir(), 'koperasi-redis-cluster-'));
  const stateFile = options.stateFile ?? join(dir, 'state.json');
  const ports = Array.from({ length: NODE_COUNT }, (_, index) => basePort + index);
  const pids = {};
  writeFileSync(stateFile, JSON.stringify({ dir, ports, pids, nodeTimeoutMs }));
  try {
    for (const port of ports) pids[port] = spawnNode(dir, port, nodeTimeoutMs);
    writeFileSync(stateFile, JSON.stringify({ dir, ports, pids, nodeTimeoutMs }));
    for (const port of ports) await waitFor(`node ${port}`, () => answers(port));
    const addresses = ports.map((port) => `${HOST}:${port}`);
    await cli(ports[0], '--cluster', 'create', ...addresses, '--cluster-replicas', '1', '--cluster-yes');
    const cluster = attachRedisCluster(stateFile);
    await cluster.waitUntilOk();
    // Every node must know every other (create only waits for its own view).
    await waitFor('every node to know the others', async () =>
      (await Promise.all(ports.map((port) => clusterNodes(port)))).every(
        (nodes) => nodes.length === NODE_COUNT && nodes.every((node) => node.connected),
      ),
    );
    await waitFor('every replica to be in sync', () => replicasInSync(ports));
    return cluster;
  } catch (error) {
    stopFromState(stateFile);
    throw error;
  }
}

/** Kills the nodes a state file names and removes the cluster's directory and the state file. */
function stopFromState(stateFile) {
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  for (const pid of Object.values(state.pids)) killPid(pid);
  rmSync(state.dir, { recursive: true, force: true });
  rmSync(stateFile, { force: true });
}

module.exports = { startRedisCluster, attachRedisCluster, stopFromState, clusterNodes, DEFAULT_NODE_TIMEOUT_MS };

if (require.main === module) {
  const [command, ...args] = process.argv.slice(2);
  const option = (name) => {
    const index = args.indexOf(name);
    return index === -1 ? undefined : args[index + 1];
  };
  const stateFile = option('--state') ?? DEFAULT_STATE_FILE;
  if (command === 'start') {
    const basePort = option('--base-port');
    startRedisCluster({ basePort: basePort === undefined ? undefined : Number(basePort), stateFile }).then(
      (cluster) => console.log(`REDIS_CLUSTER_NODES=${cluster.nodes}`),
      (error) => {
        console.error(error.message);
        process.exit(1);
      },
    );
  } else if (command === 'stop') {
    stopFromState(stateFile);
  } else {
    console.error('usage: redis-cluster.cjs start [--base-port N] [--state FILE] | stop [--state FILE]');
    process.exit(2);
  }
}

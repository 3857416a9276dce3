import Redis from 'ioredis';
import type { RedisClusterHandle } from '../../../scripts/cluster/redis-cluster.cjs';

export const node = (port: number) =>
  new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1 });

/** Every key under the prefix on one node (SCAN), with its slot. */
export async function keysOn(port: number, prefix: string): Promise<{ key: string; slot: number }[]> {
  const client = node(port);
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return Promise.all(keys.map(async (key) => ({ key, slot: Number(await client.cluster('KEYSLOT', key)) })));
  } finally {
    client.disconnect();
  }
}

/** The master port serving `slot`, from CLUSTER NODES. */
export async function masterOf(cluster: RedisClusterHandle, slot: number): Promise<number> {
  const nodes = await cluster.clusterNodes();
  const master = nodes.find(
    (candidate) =>
      candidate.flags.includes('master') &&
      !candidate.flags.some((flag) => flag.startsWith('fail')) &&
      candidate.slots.some((range) => {
        const [from, to = from] = range.split('-').map(Number);
        return slot >= from && slot <= to;
      }),
  );
  if (!master) throw new Error(`No master serves slot ${slot}`);
  return master.port;
}

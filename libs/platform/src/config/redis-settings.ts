import { z } from 'zod';

export interface RedisNode {
  host: string;
  port: number;
  /** Given as `rediss://`: TLS to every node. */
  tls: boolean;
}

const NODE = /^(?:(rediss?):\/\/)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

function parseNode(entry: string): RedisNode | null {
  const match = NODE.exec(entry.trim());
  if (!match) return null;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return null;
  return { host: match[2].replace(/^\[|\]$/g, ''), port, tls: match[1] === 'rediss' };
}

/** `host:port,host:port` (or `rediss://host:port,...`): the seed nodes ioredis discovers the cluster from. */
export const redisClusterNodesSetting = z.string().transform((value, context) => {
  const entries = value.split(',').filter((entry) => entry.trim() !== '');
  const nodes = entries.map(parseNode);
  const bad = entries.filter((_, index) => nodes[index] === null);
  if (entries.length === 0 || bad.length > 0) {
    context.addIssue({
      code: 'custom',
      message: `must be host:port[,host:port...]${bad.length > 0 ? `; not a node: ${bad.join(', ')}` : ''}`,
    });
    return z.NEVER;
  }
  return nodes as RedisNode[];
});

import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Cluster } from 'ioredis';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { BaseEnv } from '../config/service-config';
import { createProducerClient, type RedisClient } from './redis-connection';
import { withTimeout } from '../common/with-timeout';

/** BullMQ keeps every job in Redis memory: any other policy may silently evict queued events. */
export const REQUIRED_EVICTION_POLICY = 'noeviction';

/** The platform's own fail-fast Redis client (epoch key, server settings), apart from BullMQ's. */
@Injectable()
export class PlatformRedis implements OnApplicationShutdown {
  readonly client: RedisClient;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: BaseEnv) {
    this.client = createProducerClient(config);
    // Connection errors surface on the commands that need Redis; without a listener ioredis prints each retry.
    this.client.on('error', () => undefined);
  }

  get isReady(): boolean {
    return this.client.status === 'ready';
  }

  /**
   * Runs a command once connected, failing after the command timeout (also while Redis is
   * unreachable); with `wait: false` it fails at once when not connected (readiness probes).
   */
  async run<T>(command: (client: RedisClient) => Promise<T>, { wait = true } = {}): Promise<T> {
    if (!wait && !this.isReady) throw new Error('Redis is not connected');
    await this.connected();
    return withTimeout(command(this.client), this.config.REDIS_COMMAND_TIMEOUT_MS, 'Redis did not answer');
  }

  private connected(): Promise<void> {
    if (this.isReady) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.client.off('ready', onReady);
        reject(new Error(`Redis not connected within ${this.config.REDIS_COMMAND_TIMEOUT_MS} ms`));
      }, this.config.REDIS_COMMAND_TIMEOUT_MS);
      this.client.once('ready', onReady);
    });
  }

  /**
   * Redis's `maxmemory-policy` (from INFO, which managed Redis services allow when CONFIG is
   * renamed); on a cluster, every master's: the first that is not `noeviction`, if any.
   */
  async maxmemoryPolicy(options?: { wait?: boolean }): Promise<string> {
    const policies = await this.run(async (client) => {
      const servers = client instanceof Cluster ? client.nodes('master') : [client];
      if (servers.length === 0) throw new Error('Redis Cluster has no master');
      const infos = await Promise.all(servers.map((server) => server.info('memory')));
      return infos.map((info) => /^maxmemory_policy:(\S+)/m.exec(info)?.[1] ?? 'unknown');
    }, options);
    return policies.find((policy) => policy !== REQUIRED_EVICTION_POLICY) ?? REQUIRED_EVICTION_POLICY;
  }

  onApplicationShutdown(): void {
    this.client.disconnect();
  }
}

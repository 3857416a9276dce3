import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { BaseEnv } from '../config/service-config';
import { producerOptions } from './redis-connection';
import { withTimeout } from '../common/with-timeout';

/** The platform's own fail-fast Redis client (epoch key, server settings), apart from BullMQ's. */
@Injectable()
export class PlatformRedis implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: BaseEnv) {
    this.client = new Redis(config.REDIS_URL, producerOptions(config));
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
  async run<T>(command: (client: Redis) => Promise<T>, { wait = true } = {}): Promise<T> {
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

  /** The Redis server process's run_id: a restart or a failover changes it. */
  async serverRunId(): Promise<string> {
    const info = await this.run((client) => client.info('server'));
    const runId = /^run_id:(\S+)/m.exec(info)?.[1];
    if (!runId) throw new Error('Redis INFO server has no run_id');
    return runId;
  }

  /** Redis's `maxmemory-policy` (from INFO, which managed Redis services allow when CONFIG is renamed). */
  async maxmemoryPolicy(options?: { wait?: boolean }): Promise<string> {
    const info = await this.run((client) => client.info('memory'), options);
    return /^maxmemory_policy:(\S+)/m.exec(info)?.[1] ?? 'unknown';
  }

  onApplicationShutdown(): void {
    this.client.disconnect();
  }
}

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

  /** Runs a command once connected, failing after the command timeout (also while Redis is unreachable). */
  async run<T>(command: (client: Redis) => Promise<T>): Promise<T> {
    await this.connected();
    return withTimeout(command(this.client), this.config.REDIS_COMMAND_TIMEOUT_MS, 'Redis did not answer');
  }

  private connected(): Promise<void> {
    if (this.client.status === 'ready') return Promise.resolve();
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

  /** Redis's `maxmemory-policy` (from INFO, which managed Redis services allow when CONFIG is renamed). */
  async maxmemoryPolicy(): Promise<string> {
    const info = await this.run((client) => client.info('memory'));
    return /^maxmemory_policy:(\S+)/m.exec(info)?.[1] ?? 'unknown';
  }

  onApplicationShutdown(): void {
    this.client.disconnect();
  }
}

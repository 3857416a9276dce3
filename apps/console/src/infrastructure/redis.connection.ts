import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createRedisClient, type RedisClient, SERVICE_CONFIG } from '@koperasi/platform';
import type { ConsoleConfig } from '../config';

/** The console's own Redis client: sessions and sign-in attempts, under the queue prefix. */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  readonly client: RedisClient;
  readonly prefix: string;

  constructor(@Inject(SERVICE_CONFIG) config: ConsoleConfig) {
    this.client = createRedisClient(config, { maxRetriesPerRequest: 3 });
    this.prefix = `${config.QUEUE_PREFIX}:console:`;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit();
  }
}

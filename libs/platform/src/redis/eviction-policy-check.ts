import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PlatformRedis, REQUIRED_EVICTION_POLICY } from './platform-redis';

export { REQUIRED_EVICTION_POLICY };

/** Warns at boot when Redis may evict keys; readiness reports the same (see HealthController). */
@Injectable()
export class EvictionPolicyCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger(EvictionPolicyCheck.name);

  constructor(private readonly redis: PlatformRedis) {}

  onApplicationBootstrap(): void {
    // Not awaited: a Redis that is down at boot must not keep the service from serving reads.
    void this.warnIfEvicting();
  }

  async warnIfEvicting(): Promise<string | null> {
    try {
      const policy = await this.redis.maxmemoryPolicy();
      if (policy !== REQUIRED_EVICTION_POLICY) {
        this.logger.warn(
          { alert: 'REDIS_EVICTION_POLICY', maxmemoryPolicy: policy, required: REQUIRED_EVICTION_POLICY },
          `Redis maxmemory-policy is ${policy}, not ${REQUIRED_EVICTION_POLICY}: Redis may evict queued events under memory pressure`,
        );
      }
      return policy;
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not read the Redis maxmemory-policy');
      return null;
    }
  }
}

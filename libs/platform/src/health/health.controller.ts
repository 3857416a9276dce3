import { Controller, Get, HttpStatus, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { type HealthIndicatorResult, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/roles.decorator';
import { SERVICE_IDENTITY } from '../config/config.tokens';
import { DomainError } from '../http/domain-error';
import { ErrorBody } from '../http/error-body';
import { OutboxRelay } from '../messaging/outbox-relay.service';
import { QueueDirectory } from '../messaging/queue-directory';
import { REQUIRED_EVICTION_POLICY } from '../redis/eviction-policy-check';
import { PlatformRedis } from '../redis/platform-redis';
import { withTimeout } from '../common/with-timeout';
import type { ServiceIdentity } from '../service-identity';

const CHECK_TIMEOUT_MS = 2_000;

/**
 * Readiness follows the database only: without Redis a replica still serves reads and commits
 * writes (their events wait in the outbox), so Redis, the queues and the outbox are reported as
 * details and turn the status to `degraded`, never to 503.
 */
@ApiTags('health')
@SkipThrottle()
@Controller()
export class HealthController {
  constructor(
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly queues: QueueDirectory,
    private readonly redis: PlatformRedis,
    private readonly relay: OutboxRelay,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  @Get('health')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ description: '{ status: "ok", service }' })
  live() {
    return { status: 'ok', service: this.identity.name };
  }

  @Get('ready')
  @Public()
  @ApiOperation({
    summary: 'Readiness: 200 while the database answers; Redis, queues and outbox as details (status degraded)',
  })
  @ApiOkResponse({ description: '`status` is `ok`, or `degraded` when Redis or a queue is down or misconfigured' })
  @ApiServiceUnavailableResponse({ type: ErrorBody, description: 'The database does not answer' })
  async ready() {
    const results = await Promise.all([
      this.database.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }),
      this.redisCheck(),
      ...[this.identity.inboxQueue, this.identity.timerQueue, this.identity.slaTimerQueue]
        .filter((name) => name !== null)
        .map((name) => this.queueCheck(name)),
      this.outboxCheck(),
    ]);
    const details: HealthIndicatorResult = Object.assign({}, ...results);
    const entries = Object.entries(details);
    const info = Object.fromEntries(entries.filter(([, check]) => check.status === 'up'));
    const error = Object.fromEntries(entries.filter(([, check]) => check.status !== 'up'));
    if (details.database.status !== 'up') {
      throw new DomainError('NOT_READY', 'The service is not ready', HttpStatus.SERVICE_UNAVAILABLE, {
        checks: details,
      });
    }
    return { status: entries.length === Object.keys(info).length ? 'ok' : 'degraded', info, error, details };
  }

  private redisCheck() {
    const indicator = this.indicators.check('redis');
    return this.redis
      .maxmemoryPolicy({ wait: false })
      .then((maxmemoryPolicy) =>
        maxmemoryPolicy === REQUIRED_EVICTION_POLICY
          ? indicator.up({ maxmemoryPolicy })
          : indicator.down({
              maxmemoryPolicy,
              message: `maxmemory-policy must be ${REQUIRED_EVICTION_POLICY}: Redis may evict queued events`,
            }),
      )
      .catch((error: Error) => indicator.down({ message: error.message }));
  }

  private queueCheck(name: string) {
    const indicator = this.indicators.check(`queue:${name}`);
    if (!this.redis.isReady) return indicator.down({ message: 'Redis is not connected' });
    return withTimeout(this.queues.get(name).getJobCounts('waiting', 'active', 'delayed', 'failed'), CHECK_TIMEOUT_MS)
      .then((counts) => indicator.up(counts))
      .catch((error: Error) => indicator.down({ message: error.message }));
  }

  /** Events this version cannot route wait in the outbox for a replica that can. */
  private outboxCheck() {
    const indicator = this.indicators.check('outbox');
    const unroutable = this.relay.unroutable();
    return Object.keys(unroutable).length === 0 ? indicator.up() : indicator.down({ unroutable });
  }
}

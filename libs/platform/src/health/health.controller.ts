import { Controller, Get, HttpStatus, Inject } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/roles.decorator';
import { SERVICE_IDENTITY } from '../config/config.tokens';
import { DomainError } from '../http/domain-error';
import { ErrorBody } from '../http/error-body';
import { QueueDirectory } from '../messaging/queue-directory';
import type { ServiceIdentity } from '../service-identity';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly queues: QueueDirectory,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  @Get('health')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live() {
    return { status: 'ok', service: this.identity.name };
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: "Readiness: database, Redis and this service's queues" })
  @ApiServiceUnavailableResponse({ type: ErrorBody })
  async ready() {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 2_000 }),
        ...[this.identity.inboxQueue, this.identity.timerQueue]
          .filter((name) => name !== null)
          .map((name) => () => this.queueCheck(name)),
      ]);
    } catch (error) {
      const details = (error as { getResponse?: () => unknown }).getResponse?.() ?? (error as Error).message;
      throw new DomainError('NOT_READY', 'The service is not ready', HttpStatus.SERVICE_UNAVAILABLE, {
        checks: details,
      });
    }
  }

  private queueCheck(name: string) {
    const indicator = this.indicators.check(`queue:${name}`);
    const queue = this.queues.get(name);
    return withTimeout(
      queue.getJobCounts('waiting', 'active', 'delayed', 'failed').then((counts) => indicator.up(counts)),
      2_000,
    ).catch((error: Error) => indicator.down({ message: error.message }));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

import { Controller, Get, HttpStatus, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/roles.decorator';
import { SERVICE_IDENTITY } from '../config/config.tokens';
import { DomainError } from '../http/domain-error';
import { ErrorBody } from '../http/error-body';
import { withTimeout } from '../common/with-timeout';
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
  @ApiOkResponse({ description: '{ status: "ok", service }' })
  live() {
    return { status: 'ok', service: this.identity.name };
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: "Readiness: database, Redis and this service's queues" })
  @ApiOkResponse({ description: '{ status: "ok", info, error, details }: each check (database, queues) is up' })
  @ApiServiceUnavailableResponse({ type: ErrorBody, description: 'NOT_READY, with each check in details.checks' })
  async ready() {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 2_000 }),
        ...[this.identity.inboxQueue, this.identity.timerQueue].map((name) => () => this.queueCheck(name)),
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

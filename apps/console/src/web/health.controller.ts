import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RedisConnection } from '../infrastructure/redis.connection';
import { Open } from './access';

/** Liveness and readiness (database and Redis) for process managers and the start script. */
@Controller()
@Open()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: RedisConnection,
  ) {}

  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready() {
    try {
      await Promise.all([this.dataSource.query('SELECT 1'), this.redis.client.ping()]);
      return { status: 'ok' };
    } catch {
      throw new HttpException({ status: 'unavailable' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
  }
}

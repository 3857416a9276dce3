import { Module } from '@nestjs/common';
import { CooperativesModule } from '../cooperatives/cooperatives.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  imports: [CooperativesModule],
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}

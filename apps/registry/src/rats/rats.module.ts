import { Module } from '@nestjs/common';
import { CooperativesModule } from '../cooperatives/cooperatives.module';
import { RatsController } from './rats.controller';
import { RatsService } from './rats.service';

@Module({
  imports: [CooperativesModule],
  controllers: [RatsController],
  providers: [RatsService],
  exports: [RatsService],
})
export class RatsModule {}

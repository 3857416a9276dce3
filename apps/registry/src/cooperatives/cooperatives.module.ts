import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { DecreeRecordedConsumer } from './consumers/decree-recorded.consumer';
import { GazettePublishedConsumer } from './consumers/gazette-published.consumer';
import { ObjectionUpheldConsumer } from './consumers/objection-upheld.consumer';
import { ProceedingApprovedConsumer } from './consumers/proceeding-approved.consumer';
import { ProceedingWithdrawnConsumer } from './consumers/proceeding-withdrawn.consumer';
import { StatusChangeRefusals } from './consumers/status-change-refusals';
import { CooperativeStatusService } from './cooperative-status.service';
import { CooperativesController } from './cooperatives.controller';
import { CooperativesService } from './cooperatives.service';

@Module({
  imports: [AreasModule],
  controllers: [CooperativesController],
  providers: [
    CooperativesService,
    CooperativeStatusService,
    StatusChangeRefusals,
    ProceedingApprovedConsumer,
    ProceedingWithdrawnConsumer,
    ObjectionUpheldConsumer,
    DecreeRecordedConsumer,
    GazettePublishedConsumer,
  ],
  exports: [CooperativesService, CooperativeStatusService],
})
export class CooperativesModule {}

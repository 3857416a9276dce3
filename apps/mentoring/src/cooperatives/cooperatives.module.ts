import { Module } from '@nestjs/common';
import { CooperativeDetailsChangedConsumer } from './consumers/cooperative-details-changed.consumer';
import { CooperativeReadModel } from './cooperative-read-model';

@Module({
  providers: [CooperativeReadModel, CooperativeDetailsChangedConsumer],
  exports: [CooperativeReadModel],
})
export class CooperativesModule {}

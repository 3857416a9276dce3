import { Module } from '@nestjs/common';
import { CooperativeDetailsChangedConsumer } from './consumers/cooperative-details-changed.consumer';
import { CooperativeRegisteredConsumer } from './consumers/cooperative-registered.consumer';
import { CooperativeReadModel } from './cooperative-read-model';

@Module({
  providers: [CooperativeReadModel, CooperativeRegisteredConsumer, CooperativeDetailsChangedConsumer],
  exports: [CooperativeReadModel],
})
export class CooperativesModule {}

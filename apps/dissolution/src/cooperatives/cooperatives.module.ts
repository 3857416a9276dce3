import { Module } from '@nestjs/common';
import { CooperativeDetailsChangedConsumer } from './consumers/cooperative-details-changed.consumer';
import { CooperativeRegisteredConsumer } from './consumers/cooperative-registered.consumer';
import { CooperativeStatusChangedConsumer } from './consumers/cooperative-status-changed.consumer';

/** The read model of the registry's cooperatives, kept by its events. */
@Module({
  providers: [CooperativeRegisteredConsumer, CooperativeDetailsChangedConsumer, CooperativeStatusChangedConsumer],
})
export class CooperativesModule {}

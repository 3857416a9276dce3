import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, type EventConsumer } from '../messaging/event-handler.decorator';
import type { Tx } from '../messaging/unit-of-work';
import { UserDirectory, type UserEventType } from './user-directory';

/** The three user events have one effect: the read model takes the newer snapshot. */
@Injectable()
abstract class UserEventConsumer<T extends UserEventType> implements EventConsumer<T> {
  constructor(private readonly directory: UserDirectory) {}

  async handle(event: EventEnvelope<T>, tx: Tx): Promise<void> {
    await this.directory.apply(tx, event.type, event.data);
  }
}

@EventHandler('console.user-created.v1')
export class UserCreatedConsumer extends UserEventConsumer<'console.user-created.v1'> {}

@EventHandler('console.user-changed.v1')
export class UserChangedConsumer extends UserEventConsumer<'console.user-changed.v1'> {}

@EventHandler('console.user-deactivated.v1')
export class UserDeactivatedConsumer extends UserEventConsumer<'console.user-deactivated.v1'> {}

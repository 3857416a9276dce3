import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ActiveUserGuard } from './active-user.guard';
import { UserDirectory } from './user-directory';
import { UserChangedConsumer, UserCreatedConsumer, UserDeactivatedConsumer } from './user-events.consumers';

/**
 * The console's user directory as a service keeps it: import it after PlatformModule (its guard
 * runs after the token check) and add `KnownUser` and `createUserReadModel` to the service's schema.
 * Global: every feature module of the service may name people.
 */
@Global()
@Module({
  providers: [
    UserDirectory,
    UserCreatedConsumer,
    UserChangedConsumer,
    UserDeactivatedConsumer,
    { provide: APP_GUARD, useClass: ActiveUserGuard },
  ],
  exports: [UserDirectory],
})
export class UsersModule {}

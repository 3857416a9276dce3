import { Injectable, type OnApplicationShutdown } from '@nestjs/common';

/** Closes what was opened outside Nest's providers (the queue board's queues) when the app stops. */
@Injectable()
export class ShutdownTasks implements OnApplicationShutdown {
  private readonly tasks: (() => Promise<void>)[] = [];

  add(task: () => Promise<void>): void {
    this.tasks.push(task);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.tasks.map((task) => task()));
  }
}

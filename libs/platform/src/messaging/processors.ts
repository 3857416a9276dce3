import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type Type,
} from '@nestjs/common';
import type { Job } from 'bullmq';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { BaseEnv } from '../config/service-config';
import type { ServiceIdentity } from '../service-identity';
import { SLA_TIMER_CONCURRENCY } from '../timers/timer.constants';
import { TimerService } from '../timers/timer.service';
import { ControlMessages } from './control-messages.service';
import { FailedJobReconciler } from './failed-job-reconciler.service';
import { InboxService } from './inbox.service';

/**
 * The BullMQ workers of a service, as @nestjs/bullmq processors. Their queue names depend on the
 * service, so the classes are made per service. Workers stop taking jobs and finish the ones in
 * flight before the rest of the application (database pool included) shuts down.
 */
export function createProcessors(identity: ServiceIdentity): Type[] {
  @Processor(identity.inboxQueue ?? '')
  @Injectable()
  class InboxProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
    constructor(
      private readonly inbox: InboxService,
      private readonly failedJobs: FailedJobReconciler,
      @Inject(SERVICE_CONFIG) private readonly config: BaseEnv,
    ) {
      super();
    }

    onApplicationBootstrap(): void {
      this.worker.concurrency = this.config.WORKER_CONCURRENCY;
    }

    process(job: Job): Promise<unknown> {
      return this.inbox.process(job);
    }

    @OnWorkerEvent('failed')
    onFailed(job: Job | undefined): Promise<void> | undefined {
      return job && this.failedJobs.recordIfFailed(job);
    }

    async beforeApplicationShutdown(): Promise<void> {
      await this.worker.close();
    }
  }

  @Processor(identity.timerQueue)
  @Injectable()
  class TimerProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
    constructor(
      private readonly timers: TimerService,
      @Inject(SERVICE_CONFIG) private readonly config: BaseEnv,
    ) {
      super();
    }

    onApplicationBootstrap(): void {
      this.worker.concurrency = this.config.TIMER_CONCURRENCY;
    }

    process(job: Job<{ deadlineId: string }>): Promise<unknown> {
      return this.timers.process(job);
    }

    async beforeApplicationShutdown(): Promise<void> {
      await this.worker.close();
    }
  }

  /** Routine deadlines in waves: a lane of its own, so no statutory timer ever waits behind one. */
  @Processor(identity.slaTimerQueue, { concurrency: SLA_TIMER_CONCURRENCY })
  @Injectable()
  class SlaTimerProcessor extends WorkerHost implements BeforeApplicationShutdown {
    constructor(private readonly timers: TimerService) {
      super();
    }

    process(job: Job<{ deadlineId: string } | { dueBy: number }>): Promise<unknown> {
      return this.timers.process(job);
    }

    async beforeApplicationShutdown(): Promise<void> {
      await this.worker.close();
    }
  }

  const control = createControlProcessor(identity);
  const timers = [TimerProcessor, SlaTimerProcessor, control];
  // A producer without an inbox (the console) works only its timer queues.
  return identity.inboxQueue ? [InboxProcessor, ...timers] : timers;
}

/** The worker of the application's control queue (re-publish requests and refusals); the console has one too. */
export function createControlProcessor(identity: ServiceIdentity): Type {
  @Processor(identity.controlQueue)
  @Injectable()
  class ControlProcessor extends WorkerHost implements BeforeApplicationShutdown {
    constructor(private readonly control: ControlMessages) {
      super();
    }

    process(job: Job): Promise<unknown> {
      return this.control.process(job);
    }

    async beforeApplicationShutdown(): Promise<void> {
      await this.worker.close();
    }
  }
  return ControlProcessor;
}

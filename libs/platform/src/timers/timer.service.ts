import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import { CLS_ID, ClsService } from 'nestjs-cls';
import { SYSTEM_ACTOR } from '@koperasi/contracts';
import { CONTEXT_KEYS } from '../context/request-context';
import { DomainError } from '../http/domain-error';
import { discoverByMetadata } from '../messaging/handler-discovery';
import { isPermanentRefusal } from '../messaging/transient-conflict';
import { UnitOfWork } from '../messaging/unit-of-work';
import { DEADLINE_HANDLER_KEY, type DeadlineConsumer } from './deadline-handler.decorator';
import { Deadline } from './deadline.entity';

export type TimerOutcome = 'fired' | 'not-due' | 'settled' | 'failed';

/** Fires a deadline when its job wakes: only if it is still pending and really due. */
@Injectable()
export class TimerService implements OnModuleInit {
  private readonly logger = new Logger(TimerService.name);
  private handlers = new Map<string, DeadlineConsumer>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly uow: UnitOfWork,
    private readonly cls: ClsService,
  ) {}

  onModuleInit(): void {
    const handlers = discoverByMetadata<DeadlineConsumer>(this.discovery, this.reflector, DEADLINE_HANDLER_KEY);
    const duplicated = [...handlers].filter(([, list]) => list.length > 1).map(([kind]) => kind);
    if (duplicated.length > 0) throw new Error(`Deadline kinds with more than one handler: ${duplicated.join(', ')}`);
    this.handlers = new Map([...handlers].map(([kind, [handler]]) => [kind, handler]));
  }

  async process(job: Job<{ deadlineId: string }>): Promise<TimerOutcome> {
    return this.cls.run(async () => {
      this.cls.set(CONTEXT_KEYS.actor, SYSTEM_ACTOR);
      return this.fire(job.data.deadlineId);
    });
  }

  async fire(deadlineId: string): Promise<TimerOutcome> {
    try {
      return await this.uow.run(async (tx) => {
        const deadline = await tx.manager.findOne(Deadline, {
          where: { id: deadlineId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!deadline || deadline.state !== 'PENDING') return 'settled';
        if (deadline.dueAt.getTime() > Date.now()) return 'not-due';
        if (deadline.correlationId) this.cls.set(CLS_ID, deadline.correlationId);
        const handler = this.handlers.get(deadline.kind);
        if (!handler) throw new DomainError('NO_DEADLINE_HANDLER', `No handler for deadline kind ${deadline.kind}`);
        await handler.fire(deadline, tx);
        await tx.manager.update(Deadline, { id: deadline.id }, { state: 'FIRED', settledAt: new Date() });
        this.logger.log({ deadlineId, kind: deadline.kind, subjectId: deadline.subjectId }, 'Deadline fired');
        return 'fired';
      });
    } catch (error) {
      // Anything but a rule's refusal (a lost race included) is retried by BullMQ with backoff.
      if (!isPermanentRefusal(error)) throw error;
      await this.uow.run(async (tx) => {
        await tx.manager.update(
          Deadline,
          { id: deadlineId, state: 'PENDING' },
          { state: 'FAILED', settledAt: new Date() },
        );
        await tx.audit({
          action: 'deadline.failed',
          entityType: 'Deadline',
          entityId: deadlineId,
          reason: `${error.code}: ${error.message}`,
        });
      });
      this.logger.error({ deadlineId, code: error.code }, `Deadline could not fire: ${error.message}`);
      return 'failed';
    }
  }
}

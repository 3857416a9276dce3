import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import { In } from 'typeorm';
import { CLS_ID, ClsService } from 'nestjs-cls';
import { SYSTEM_ACTOR } from '@koperasi/contracts';
import { CONTEXT_KEYS } from '../context/request-context';
import { DomainError } from '../http/domain-error';
import { discoverByMetadata } from '../messaging/handler-discovery';
import { isPermanentRefusal, isTransientConflict } from '../messaging/transient-conflict';
import { UnitOfWork, type Tx } from '../messaging/unit-of-work';
import { DEADLINE_HANDLER_KEY, type DeadlineConsumer } from './deadline-handler.decorator';
import { Deadline } from './deadline.entity';
import { SLA_WAVE_JOB, TimerScheduler } from './timer-scheduler.service';
import { SLA_BATCH_CONFLICT_RETRIES, SLA_FIRE_BATCH } from './timer.constants';

export type TimerOutcome = 'fired' | 'not-due' | 'settled' | 'failed';

/**
 * Fires deadlines when their jobs wake: a statutory one alone, only if it is still pending and
 * really due; routine (SLA) ones by the wave, every pending one due by then, many per transaction.
 */
@Injectable()
export class TimerService implements OnModuleInit {
  private readonly logger = new Logger(TimerService.name);
  private handlers = new Map<string, DeadlineConsumer>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly uow: UnitOfWork,
    private readonly cls: ClsService,
    private readonly scheduler: TimerScheduler,
  ) {}

  onModuleInit(): void {
    const handlers = discoverByMetadata<DeadlineConsumer>(this.discovery, this.reflector, DEADLINE_HANDLER_KEY);
    const duplicated = [...handlers].filter(([, list]) => list.length > 1).map(([kind]) => kind);
    if (duplicated.length > 0) throw new Error(`Deadline kinds with more than one handler: ${duplicated.join(', ')}`);
    this.handlers = new Map([...handlers].map(([kind, [handler]]) => [kind, handler]));
  }

  async process(job: Job<{ deadlineId: string } | { dueBy: number }>): Promise<TimerOutcome | number> {
    return this.cls.run(async () => {
      this.cls.set(CONTEXT_KEYS.actor, SYSTEM_ACTOR);
      if (job.name === SLA_WAVE_JOB) return this.fireWave();
      return this.fire((job.data as { deadlineId: string }).deadlineId);
    });
  }

  /**
   * Fires every routine deadline now due, a batch per transaction, until none is left; answers how
   * many fired. Replicas and concurrent waves share the work (SKIP LOCKED). A batch that fails is
   * handed over to single jobs, which retry or refuse each deadline alone, and the wave goes on.
   */
  async fireWave(): Promise<number> {
    const handedOver: string[] = [];
    let fired = 0;
    let conflicts = 0;
    for (;;) {
      let batch: Deadline[] = [];
      try {
        await this.uow.run(async (tx) => {
          batch = await this.claimDue(tx, handedOver);
          await this.fireInBatch(batch, tx);
          if (batch.length > 0)
            await tx.manager.update(
              Deadline,
              { id: In(batch.map((d) => d.id)) },
              { state: 'FIRED', settledAt: new Date() },
            );
        });
      } catch (error) {
        if (batch.length === 0) throw error;
        // A lost race (deadlock with a consumer locking the same cases) is worth a fresh batch first.
        if (isTransientConflict(error) && ++conflicts <= SLA_BATCH_CONFLICT_RETRIES) continue;
        this.logger.warn({ err: error, count: batch.length }, 'A batch of SLA deadlines failed; each is retried alone');
        await this.scheduler.armSinglyInSlaLane(batch);
        handedOver.push(...batch.map((deadline) => deadline.id));
        continue;
      }
      fired += batch.length;
      if (batch.length > 0)
        this.logger.log({ count: batch.length, dueBy: batch[batch.length - 1].dueAt }, 'SLA deadlines fired');
      if (batch.length < SLA_FIRE_BATCH) return fired;
    }
  }

  private claimDue(tx: Tx, handedOver: string[]): Promise<Deadline[]> {
    return tx.manager
      .getRepository(Deadline)
      .createQueryBuilder('deadline')
      .where(`deadline.state = 'PENDING' AND deadline.dueAt <= :now`, { now: new Date() })
      .andWhere('deadline.kind = ANY(:kinds) AND deadline.id <> ALL(:handedOver)', {
        kinds: this.scheduler.slaKindList,
        handedOver,
      })
      .orderBy('deadline.dueAt')
      .limit(SLA_FIRE_BATCH)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  private async fireInBatch(batch: Deadline[], tx: Tx): Promise<void> {
    for (const kind of new Set(batch.map((deadline) => deadline.kind))) {
      const handler = this.handlers.get(kind);
      if (!handler) throw new DomainError('NO_DEADLINE_HANDLER', `No handler for deadline kind ${kind}`);
      const deadlines = batch.filter((deadline) => deadline.kind === kind);
      if (handler.fireAll) {
        await handler.fireAll(deadlines, tx);
        continue;
      }
      for (const deadline of deadlines) {
        this.cls.set(CLS_ID, deadline.correlationId ?? undefined);
        await handler.fire(deadline, tx);
      }
    }
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

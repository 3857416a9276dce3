import { Module, type INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  INBOX_QUEUES,
  SLA_TIMER_QUEUES,
  TIMER_QUEUES,
  type EventData,
  type EventEnvelope,
  type RoutingTable,
} from '@koperasi/contracts';
import {
  AuditEntry,
  DeadlineHandler,
  DomainError,
  EventHandler,
  PlatformModule,
  type Deadline,
  type DeadlineConsumer,
  type EventConsumer,
  type Tx,
} from '@koperasi/platform';
import {
  createTestDatabase,
  flushPrefix,
  startTestApp,
  testQueuePrefix,
  useTestEnvironment,
  waitForQueuesQuiet,
  type TestDatabase,
} from '@koperasi/testing';
import { mentoringDatabase } from '../../apps/mentoring/src/mentoring.database';
import { registryDatabase } from '../../apps/registry/src/registry.database';

export const SAMPLE_EVENT = 'registry.cooperative-status-changed.v1';
export const SAMPLE_DEADLINE = 'sample.reminder';
export const SAMPLE_SLA_DEADLINE = 'sample.sla-reminder';

/** The backbone is tested with one sample route: registry publishes, mentoring consumes. */
const sampleRouting = { [SAMPLE_EVENT]: [INBOX_QUEUES.mentoring] } as unknown as RoutingTable;

export function sampleStatusChange(cooperativeId: string): EventData<typeof SAMPLE_EVENT> {
  return {
    cooperativeId,
    name: 'Koperasi Sample',
    legalEntityNumber: `BH-${cooperativeId}`,
    nik: null,
    kecamatan: 'Pahandut',
    kelurahan: 'Langkai',
    type: 'SAVINGS_AND_LOAN',
    status: 'INACTIVE',
    from: 'ACTIVE',
    to: 'INACTIVE',
    reason: 'No RAT for 2 fiscal years',
    changedAt: new Date().toISOString(),
    triggeringEventId: null,
  };
}

/** The sample consumer: its effect is one audit row; it can be told to fail transiently or for good. */
@EventHandler(SAMPLE_EVENT)
export class SampleStatusConsumer implements EventConsumer<typeof SAMPLE_EVENT> {
  static transientFailuresLeft = 0;
  static slowDownMs = 0;
  static rejectedCooperatives = new Set<string>();
  static conflictsLeft = 0;
  /** Events (by id) the consumer takes a while over, as under a lock wait. */
  static slowEvents = new Set<string>();
  /** Events (by id) the consumer fails transiently on every attempt, as while their rows are out of reach. */
  static failingEvents = new Set<string>();

  async handle(event: EventEnvelope<typeof SAMPLE_EVENT>, tx: Tx): Promise<void> {
    if (SampleStatusConsumer.slowEvents.has(event.eventId)) await new Promise((resolve) => setTimeout(resolve, 300));
    if (SampleStatusConsumer.failingEvents.has(event.eventId)) throw new Error('database briefly unavailable');
    if (SampleStatusConsumer.rejectedCooperatives.has(event.data.cooperativeId)) {
      throw new DomainError('SAMPLE_REJECTED', `The sample consumer rejects ${event.data.cooperativeId}`, 422);
    }
    if (SampleStatusConsumer.conflictsLeft > 0) {
      SampleStatusConsumer.conflictsLeft -= 1;
      throw new DomainError('STALE_VERSION', 'Changed by someone else meanwhile', 409);
    }
    if (SampleStatusConsumer.slowDownMs > 0)
      await new Promise((resolve) => setTimeout(resolve, SampleStatusConsumer.slowDownMs));
    if (SampleStatusConsumer.transientFailuresLeft > 0) {
      SampleStatusConsumer.transientFailuresLeft -= 1;
      throw new Error('database briefly unavailable');
    }
    await tx.audit({
      action: 'sample.applied',
      entityType: 'Cooperative',
      entityId: event.data.cooperativeId,
      after: { correlationId: event.correlationId },
    });
  }
}

/** The sample statutory deadline: it can be told to lose a race, fail, or wait for company. */
@DeadlineHandler(SAMPLE_DEADLINE)
export class SampleDeadlineConsumer implements DeadlineConsumer {
  static conflictsLeft = 0;
  static failuresLeft = 0;
  /** Subjects in the order their deadlines started firing. */
  static started: string[] = [];
  /** When set, each firing waits (up to 10 s) until this many have been firing at once. */
  static meetings = 0;
  static mostAtOnce = 0;
  private static firing = 0;

  async fire(deadline: Deadline, tx: Tx): Promise<void> {
    SampleDeadlineConsumer.started.push(deadline.subjectId);
    if (SampleDeadlineConsumer.conflictsLeft > 0) {
      SampleDeadlineConsumer.conflictsLeft -= 1;
      throw new DomainError('STALE_VERSION', 'Changed by someone else meanwhile', 409);
    }
    if (SampleDeadlineConsumer.failuresLeft > 0) {
      SampleDeadlineConsumer.failuresLeft -= 1;
      throw new Error('database briefly unavailable');
    }
    SampleDeadlineConsumer.firing += 1;
    SampleDeadlineConsumer.mostAtOnce = Math.max(SampleDeadlineConsumer.mostAtOnce, SampleDeadlineConsumer.firing);
    try {
      for (
        let waited = 0;
        SampleDeadlineConsumer.mostAtOnce < SampleDeadlineConsumer.meetings && waited < 10_000;
        waited += 20
      )
        await new Promise((resolve) => setTimeout(resolve, 20));
      await tx.audit({ action: 'sample.deadline-fired', entityType: 'Cooperative', entityId: deadline.subjectId });
    } finally {
      SampleDeadlineConsumer.firing -= 1;
    }
  }
}

/** A routine (SLA) deadline: fired in waves in the SLA lane; it can be told to fail. */
@DeadlineHandler(SAMPLE_SLA_DEADLINE, { tier: 'sla' })
export class SampleSlaDeadlineConsumer implements DeadlineConsumer {
  static conflictsLeft = 0;
  static failuresLeft = 0;
  /** The PostgreSQL transactions the SLA deadlines fired in. */
  static transactions = new Set<string>();

  async fire(deadline: Deadline, tx: Tx): Promise<void> {
    SampleDeadlineConsumer.started.push(deadline.subjectId);
    const [{ id }] = await tx.manager.query(`SELECT txid_current()::text AS id`);
    SampleSlaDeadlineConsumer.transactions.add(id);
    if (SampleSlaDeadlineConsumer.conflictsLeft > 0) {
      SampleSlaDeadlineConsumer.conflictsLeft -= 1;
      throw new DomainError('STALE_VERSION', 'Changed by someone else meanwhile', 409);
    }
    if (SampleSlaDeadlineConsumer.failuresLeft > 0) {
      SampleSlaDeadlineConsumer.failuresLeft -= 1;
      throw new Error('database briefly unavailable');
    }
    await tx.audit({ action: 'sample.deadline-fired', entityType: 'Cooperative', entityId: deadline.subjectId });
  }
}

@Module({
  imports: [PlatformModule.forService({ service: 'registry', database: registryDatabase, routing: sampleRouting })],
})
export class ProducerModule {}

@Module({
  imports: [PlatformModule.forService({ service: 'mentoring', database: mentoringDatabase, routing: sampleRouting })],
  providers: [SampleStatusConsumer, SampleDeadlineConsumer, SampleSlaDeadlineConsumer],
})
class ConsumerModule {}

export interface MessagingFixture {
  database: TestDatabase;
  prefix: string;
  producer: INestApplication;
  consumer: INestApplication;
  inbox: Queue;
  timers: Queue;
  slaTimers: Queue;
  effects(action: string, entityId: string): Promise<number>;
  quiet(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the producer and the consumer; `settings` are environment settings of both, beside the tests' own. */
export async function startMessagingFixture(settings: Record<string, string> = {}): Promise<MessagingFixture> {
  const database = await createTestDatabase();
  const prefix = testQueuePrefix();
  useTestEnvironment({
    databaseUrl: database.url,
    queuePrefix: prefix,
    extra: { TIMER_CONCURRENCY: '2', ...settings },
  });
  const producer = await startTestApp(ProducerModule);
  const consumer = await startTestApp(ConsumerModule);
  const inbox = consumer.get<Queue>(getQueueToken(INBOX_QUEUES.mentoring));
  const timers = consumer.get<Queue>(getQueueToken(TIMER_QUEUES.mentoring));
  const slaTimers = consumer.get<Queue>(getQueueToken(SLA_TIMER_QUEUES.mentoring));
  const dataSource = consumer.get(DataSource);
  return {
    database,
    prefix,
    producer,
    consumer,
    inbox,
    timers,
    slaTimers,
    effects: (action, entityId) => dataSource.getRepository(AuditEntry).countBy({ action, entityId }),
    quiet: () => waitForQueuesQuiet([inbox]),
    async close() {
      await producer.close();
      await consumer.close().catch(() => undefined);
      await flushPrefix(prefix);
      await database.drop();
    },
  };
}

import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  INBOX_QUEUES,
  TIMER_QUEUES,
  type EventData,
  type EventEnvelope,
  type EventType,
  type Role,
} from '@koperasi/contracts';
import {
  bearer,
  createTestDatabase,
  flushPrefix,
  startTestApp,
  testQueuePrefix,
  useTestEnvironment,
  waitForQueuesQuiet,
  type TestDatabase,
  signedEvent,
} from '@koperasi/testing';
import { MentoringModule } from '../src/mentoring.module';

export interface MentoringFixture {
  app: INestApplication;
  db: DataSource;
  prefix: string;
  inbox: Queue;
  timers: Queue;
  /** Delivers an event to the inbox as the relay would; the same eventId twice is a redelivery. */
  deliver<T extends EventType>(type: T, data: EventData<T>, eventId?: string): Promise<string>;
  quiet(): Promise<void>;
  http(): ReturnType<typeof request>;
  as(roles: Role[], id?: string): string;
  count(table: string, where?: string, params?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

export async function startMentoring(extra: Record<string, string> = {}): Promise<MentoringFixture> {
  const database: TestDatabase = await createTestDatabase();
  const prefix = testQueuePrefix();
  useTestEnvironment({ databaseUrl: database.url, queuePrefix: prefix, extra });
  const app = await startTestApp(MentoringModule);
  const inbox = app.get<Queue>(getQueueToken(INBOX_QUEUES.mentoring));
  const timers = app.get<Queue>(getQueueToken(TIMER_QUEUES.mentoring));
  const db = app.get(DataSource);
  return {
    app,
    db,
    prefix,
    inbox,
    timers,
    async deliver(type, data, eventId = randomUUID()) {
      const envelope = signedEvent({
        eventId,
        type,
        occurredAt: new Date().toISOString(),
        correlationId: randomUUID(),
        data,
      } as EventEnvelope);
      // A redelivery gets a fresh job id, as when a relay publishes again after a crash.
      await inbox.add(type, envelope, { jobId: `${eventId}-${randomUUID()}` });
      return eventId;
    },
    quiet: () => waitForQueuesQuiet([inbox]),
    http: () => request(app.getHttpServer()),
    as: (roles, id) => bearer(roles, id),
    async count(table, where = 'true', params = []) {
      const [row] = await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
      return row.n;
    },
    async close() {
      await app.close();
      await flushPrefix(prefix);
      await database.drop();
    },
  };
}

let serial = 0;

export function statusChange(
  cooperativeId: string,
  from: EventData<'registry.cooperative-status-changed.v1'>['from'],
  to: EventData<'registry.cooperative-status-changed.v1'>['to'],
  changedAt = new Date(),
): EventData<'registry.cooperative-status-changed.v1'> {
  return {
    ...snapshot(cooperativeId, to),
    from,
    to,
    reason: `${from} to ${to}`,
    changedAt: changedAt.toISOString(),
    triggeringEventId: null,
  };
}

export function snapshot(
  cooperativeId: string,
  status: EventData<'registry.cooperative-registered.v1'>['status'] = 'ACTIVE',
  kecamatan = 'Pahandut',
) {
  serial += 1;
  return {
    cooperativeId,
    name: `Koperasi ${cooperativeId}`,
    legalEntityNumber: `BH-${cooperativeId}`,
    nik: `NIK-${serial}`,
    kecamatan,
    kelurahan: 'Langkai',
    type: 'SAVINGS_AND_LOAN',
    status,
  };
}

export function registered(
  cooperativeId: string,
  status: EventData<'registry.cooperative-registered.v1'>['status'] = 'ACTIVE',
  kecamatan = 'Pahandut',
): EventData<'registry.cooperative-registered.v1'> {
  return { ...snapshot(cooperativeId, status, kecamatan), registeredAt: new Date().toISOString() };
}

import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { INBOX_QUEUES, type EventData, type EventEnvelope, type EventType, type Role } from '@koperasi/contracts';
import { OutboxEvent } from '@koperasi/platform';
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
import { RegistryModule } from '../src/registry.module';

export interface RegistryFixture {
  app: INestApplication;
  db: DataSource;
  as(roles: Role[]): {
    get(url: string): request.Test;
    post(url: string): request.Test;
    patch(url: string): request.Test;
  };
  count(table: string): Promise<number>;
  counts(): Promise<Record<string, number>>;
  published<T extends EventType>(type: T): Promise<EventEnvelope<T>[]>;
  deliver<T extends EventType>(type: T, data: EventData<T>): Promise<string>;
  close(): Promise<void>;
}

const TABLES = ['cooperatives', 'status_history', 'outbox', 'audit_log'];

export async function startRegistry(extraEnv: Record<string, string> = {}): Promise<RegistryFixture> {
  const database: TestDatabase = await createTestDatabase();
  const prefix = testQueuePrefix();
  useTestEnvironment({ databaseUrl: database.url, queuePrefix: prefix, extra: extraEnv });
  const app = await startTestApp(RegistryModule);
  const db = app.get(DataSource);
  const inbox = app.get<Queue>(getQueueToken(INBOX_QUEUES.registry));
  const server = app.getHttpServer();
  const count = async (table: string) => Number((await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  return {
    app,
    db,
    as: (roles) => {
      const auth = bearer(roles);
      return {
        get: (url) => request(server).get(url).set('Authorization', auth),
        post: (url) => request(server).post(url).set('Authorization', auth),
        patch: (url) => request(server).patch(url).set('Authorization', auth),
      };
    },
    count,
    counts: async () =>
      Object.fromEntries(await Promise.all([...TABLES, ...extraTables].map(async (t) => [t, await count(t)]))),
    published: async (type) =>
      (await db.getRepository(OutboxEvent).find({ where: { type }, order: { id: 'ASC' } })).map(
        (row) => row.envelope as EventEnvelope<typeof type>,
      ),
    deliver: async (type, data) => {
      const envelope = signedEvent({
        eventId: randomUUID(),
        type,
        occurredAt: new Date().toISOString(),
        correlationId: randomUUID(),
        data,
      } as EventEnvelope);
      await inbox.add(type, envelope, { jobId: envelope.eventId });
      await waitForQueuesQuiet([inbox]);
      return envelope.eventId;
    },
    close: async () => {
      await app.close();
      await flushPrefix(prefix);
      await database.drop();
    },
  };
}

/** Tables added by later features, counted too so "database unchanged" covers them. */
const extraTables: string[] = [];
export function alsoCount(...tables: string[]): void {
  extraTables.push(...tables);
}

let serial = 0;
export function cooperativeBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    name: `Koperasi Simpan Pinjam Maju ${serial}`,
    legalEntityNumber: `${String(serial).padStart(3, '0')}/BH/XIX.1/${process.pid}-${randomUUID().slice(0, 8)}`,
    legalEntityDate: '2005-03-14',
    type: 'SAVINGS_AND_LOAN',
    group: 'KSP',
    kelurahan: 'Langkai',
    kecamatan: 'Pahandut',
    membersMale: 40,
    membersFemale: 35,
    ...overrides,
  };
}

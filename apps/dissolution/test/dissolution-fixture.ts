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
import { DissolutionModule } from '../src/dissolution.module';
import { addDays, officeToday } from '../src/proceedings/deadlines';

export const OFFICER = bearer(['officer'], 'officer-1');
export const OFFICER_2 = bearer(['officer'], 'officer-2');
export const SUPERVISOR = bearer(['supervisor'], 'supervisor-1');
export const SUPERVISOR_2 = bearer(['supervisor'], 'supervisor-2');
export const MANAGER = bearer(['manager'], 'manager-1');
export const REGISTRAR = bearer(['registrar'], 'registrar-1');

export const as = (roles: Role[], id: string) => bearer(roles, id);

/** Today in the office's calendar (WIB, the default), moved by `days`. */
export const officeDay = (days = 0) => addDays(officeToday(new Date(), 420), days);

export interface DissolutionFixture {
  app: INestApplication;
  db: TestDatabase;
  prefix: string;
  dataSource: DataSource;
  inbox: Queue;
  http(): ReturnType<typeof request>;
  deliver<T extends EventType>(type: T, data: EventData<T>): Promise<string>;
  outbox(type?: EventType): Promise<OutboxEvent[]>;
  /** Row counts of every table a write touches, to prove a refused request changed nothing. */
  snapshot(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startDissolution(): Promise<DissolutionFixture> {
  const db = await createTestDatabase();
  const prefix = testQueuePrefix();
  useTestEnvironment({ databaseUrl: db.url, queuePrefix: prefix });
  const app = await startTestApp(DissolutionModule);
  const dataSource = app.get(DataSource);
  const inbox = app.get<Queue>(getQueueToken(INBOX_QUEUES.dissolution));
  return {
    app,
    db,
    prefix,
    dataSource,
    inbox,
    http: () => request(app.getHttpServer()),
    async deliver(type, data) {
      const envelope: EventEnvelope = signedEvent({
        eventId: randomUUID(),
        type,
        occurredAt: new Date().toISOString(),
        correlationId: randomUUID(),
        data,
      });
      await inbox.add(type, envelope, { jobId: envelope.eventId });
      await waitForQueuesQuiet([inbox]);
      return envelope.eventId;
    },
    outbox: (type) => dataSource.getRepository(OutboxEvent).find({ where: type ? { type } : {}, order: { id: 'ASC' } }),
    async snapshot() {
      const [row] = await dataSource.query(
        `SELECT (SELECT count(*) FROM proceedings)::int AS proceedings,
                (SELECT coalesce(sum(version), 0) FROM proceedings)::int AS versions,
                (SELECT coalesce(string_agg(id::text || ':' || step || ':' || version, ',' ORDER BY id), '') FROM proceedings) AS steps,
                (SELECT count(*) FROM audit_log)::int AS audit,
                (SELECT count(*) FROM outbox)::int AS outbox,
                (SELECT count(*) FROM idempotency_keys)::int AS idempotency,
                (SELECT count(*) FROM deadlines)::int AS deadlines,
                (SELECT count(*) FROM notifications)::int AS notifications`,
      );
      return row;
    },
    async close() {
      await app.close();
      await flushPrefix(prefix);
      await db.drop();
    },
  };
}

export function registered(
  cooperativeId: string,
  overrides: Partial<EventData<'registry.cooperative-registered.v1'>> = {},
) {
  return {
    cooperativeId,
    name: `Koperasi ${cooperativeId.slice(0, 6)}`,
    legalEntityNumber: `BH-${cooperativeId.slice(0, 8)}`,
    nik: null,
    kecamatan: 'Pahandut',
    kelurahan: 'Langkai',
    type: 'SAVINGS_AND_LOAN',
    status: 'INACTIVE' as const,
    registeredAt: new Date().toISOString(),
    ...overrides,
  };
}

export function reactivationFailed(
  cooperativeId: string,
  caseId = randomUUID(),
): EventData<'mentoring.reactivation-failed.v1'> {
  return {
    cooperativeId,
    caseId,
    outcome: 'NO_BOARD',
    evidenceNotes: 'The board resigned in 2022; no members reachable',
    closedBy: 'officer-1',
    closedAt: new Date().toISOString(),
    activities: [
      {
        kind: 'VISIT',
        occurredOn: officeDay(-30),
        author: 'officer-1',
        text: 'Office closed, neighbours say no activity',
      },
    ],
  };
}

export const FIELD_CHECK = {
  checkedOn: officeDay(-400),
  kelurahanOfficial: 'Lurah Langkai',
  finding: 'No office and no business since 2021',
  letterRef: 'KEL-LGK-14',
};
export const DEBT_CHECK = { checkedOn: officeDay(-400), hasOutstandingDebts: false, notes: 'No creditors known' };

/** Opens (by event), completes and proposes a proceeding; answers its id. */
export async function proposedProceeding(fx: DissolutionFixture, cooperativeId = randomUUID()): Promise<string> {
  await fx.deliver('registry.cooperative-registered.v1', registered(cooperativeId));
  await fx.deliver('mentoring.reactivation-failed.v1', reactivationFailed(cooperativeId));
  const list = await fx
    .http()
    .get('/proceedings')
    .query({ step: 'DRAFT', limit: 200 })
    .set('Authorization', OFFICER)
    .expect(200);
  const id = (list.body.items as { id: string; cooperativeId: string }[]).find(
    (item) => item.cooperativeId === cooperativeId,
  )!.id;
  await fx
    .http()
    .patch(`/proceedings/${id}/proposal`)
    .set('Authorization', OFFICER)
    .send({ grounds: ['NO_MEETING_3_YEARS'], fieldCheck: FIELD_CHECK, debtCheck: DEBT_CHECK })
    .expect(200);
  await fx.http().post(`/proceedings/${id}/propose`).set('Authorization', OFFICER).send({}).expect(200);
  return id;
}

export async function approvedProceeding(fx: DissolutionFixture, cooperativeId = randomUUID()): Promise<string> {
  const id = await proposedProceeding(fx, cooperativeId);
  await fx.http().post(`/proceedings/${id}/approve`).set('Authorization', SUPERVISOR).send({}).expect(200);
  return id;
}

export async function stepOf(fx: DissolutionFixture, id: string): Promise<string> {
  const [row] = await fx.dataSource.query('SELECT step FROM proceedings WHERE id = $1', [id]);
  return row.step;
}

/** A proceeding whose notice was received 300 days ago: the window timer makes it ready for the decree. */
export async function readyForDecree(fx: DissolutionFixture, cooperativeId = randomUUID()): Promise<string> {
  const id = await approvedProceeding(fx, cooperativeId);
  await fx
    .http()
    .post(`/proceedings/${id}/notice`)
    .set('Authorization', OFFICER)
    .send({ method: 'REGISTERED_MAIL_BOARD', sentOn: officeDay(-305), receivedOn: officeDay(-300) })
    .expect(200);
  const deadline = Date.now() + 15_000;
  while ((await stepOf(fx, id)) !== 'READY_FOR_DECREE') {
    if (Date.now() > deadline) throw new Error('the objection window timer did not fire');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return id;
}

/** Decreed 200 days ago (the notice was received 300 days ago). */
export async function decreed(fx: DissolutionFixture, cooperativeId = randomUUID()): Promise<string> {
  const id = await readyForDecree(fx, cooperativeId);
  await fx
    .http()
    .post(`/proceedings/${id}/decree`)
    .set('Authorization', SUPERVISOR_2)
    .send({ number: `SK-${id.slice(0, 6)}`, date: officeDay(-200) })
    .expect(200);
  return id;
}

import { Module, type INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { INBOX_QUEUES, type EventType } from '@koperasi/contracts';
import {
  addDeadLetterResolution,
  addOutboxReplayTables,
  createPlatformTables,
  dropDeadLetterResolution,
  dropOutboxReplayTables,
  dropPlatformTables,
  PlatformModule,
  UnitOfWork,
} from '@koperasi/platform';
import {
  bearer,
  createTestDatabase,
  directoryUser,
  eventually,
  flushPrefix,
  startTestApp,
  testQueuePrefix,
  useTestEnvironment,
  waitForQueuesQuiet,
  type TestDatabase,
  type UserSnapshot,
} from '@koperasi/testing';
import { DissolutionModule } from '../../apps/dissolution/src/dissolution.module';
import { MentoringModule } from '../../apps/mentoring/src/mentoring.module';
import { RegistryModule } from '../../apps/registry/src/registry.module';
import { cooperativeBody } from '../../apps/registry/test/registry-fixture';

class ConsolePlatformTables1765700000001 implements MigrationInterface {
  name = 'ConsolePlatformTables1765700000001';
  up = async (queryRunner: QueryRunner) => {
    await createPlatformTables(queryRunner);
    await addOutboxReplayTables(queryRunner);
    await addDeadLetterResolution(queryRunner);
  };
  down = async (queryRunner: QueryRunner) => {
    await dropDeadLetterResolution(queryRunner);
    await dropOutboxReplayTables(queryRunner);
    await dropPlatformTables(queryRunner);
  };
}

/** The console as a producer only: the platform with no inbox, publishing the directory's events. */
@Module({
  imports: [
    PlatformModule.forService({
      service: 'console',
      database: { schema: 'console_producer_test', entities: [], migrations: [ConsolePlatformTables1765700000001] },
    }),
  ],
})
class ConsoleProducerModule {}

const SERVICES = ['registry', 'mentoring', 'dissolution'] as const;

describe('the user directory reaches every service (console outbox -> queues -> user read models)', () => {
  let database: TestDatabase;
  let prefix: string;
  let consoleApp: INestApplication;
  const apps = {} as Record<(typeof SERVICES)[number], INestApplication>;
  let inboxes: Queue[];

  beforeAll(async () => {
    database = await createTestDatabase();
    prefix = testQueuePrefix();
    useTestEnvironment({ databaseUrl: database.url, queuePrefix: prefix });
    consoleApp = await startTestApp(ConsoleProducerModule);
    apps.registry = await startTestApp(RegistryModule);
    apps.mentoring = await startTestApp(MentoringModule);
    apps.dissolution = await startTestApp(DissolutionModule);
    inboxes = SERVICES.map((service) => apps[service].get<Queue>(getQueueToken(INBOX_QUEUES[service])));
  }, 180_000);

  afterAll(async () => {
    for (const app of [consoleApp, ...Object.values(apps)]) await app?.close();
    await flushPrefix(prefix);
    await database?.drop();
  });

  const publish = (type: EventType & `console.${string}`, data: UserSnapshot) =>
    consoleApp.get(UnitOfWork).run((tx) => tx.publish(type, data));

  const rowIn = async (service: (typeof SERVICES)[number], userId: string) =>
    (
      await apps[service]
        .get(DataSource)
        .query(`SELECT full_name, roles, kecamatan, active, changed_at FROM ${service}.users WHERE id = $1`, [userId])
    )[0];

  const settled = async () => {
    await eventually(
      async () =>
        (await consoleApp.get(DataSource).query(`SELECT 1 FROM outbox WHERE published_at IS NULL`)).length === 0,
      'the console outbox to drain',
    );
    await waitForQueuesQuiet(inboxes);
  };

  it('runs the console without an inbox: its readiness checks no inbox queue', async () => {
    const ready = await request(consoleApp.getHttpServer()).get('/ready').expect(200);
    expect(Object.keys(ready.body.info)).toEqual([
      'database',
      'redis',
      'queue:console-timers',
      'queue:console-sla-timers',
      'outbox',
    ]);
  });

  it('creates the user in every service, each change applied once and audited', async () => {
    await publish(
      'console.user-created.v1',
      directoryUser('u-siti', { fullName: 'Siti Rahayu', kecamatan: 'Jekan Raya' }),
    );
    await settled();
    for (const service of SERVICES) {
      expect(await rowIn(service, 'u-siti')).toMatchObject({
        full_name: 'Siti Rahayu',
        roles: ['officer'],
        kecamatan: 'Jekan Raya',
        active: true,
      });
      const [{ n }] = await apps[service]
        .get(DataSource)
        .query(
          `SELECT count(*)::int AS n FROM ${service}.audit_log WHERE entity_id = 'u-siti' AND action = 'user.created'`,
        );
      expect(n).toBe(1);
    }
  });

  it('applies only newer information: an older change arriving late changes nothing', async () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 8, minute)).toISOString();
    await publish('console.user-created.v1', directoryUser('u-late', { fullName: 'Andi', changedAt: at(0) }));
    await publish('console.user-changed.v1', directoryUser('u-late', { fullName: 'Andi Wijaya', changedAt: at(10) }));
    await settled();
    await publish('console.user-changed.v1', directoryUser('u-late', { fullName: 'Andi (old)', changedAt: at(5) }));
    await publish(
      'console.user-changed.v1',
      directoryUser('u-late', { fullName: 'Andi (same time)', changedAt: at(10) }),
    );
    await settled();
    for (const service of SERVICES) {
      expect(await rowIn(service, 'u-late')).toMatchObject({ full_name: 'Andi Wijaya', active: true });
      expect((await rowIn(service, 'u-late')).changed_at.toISOString()).toBe(at(10));
    }
  });

  it("refuses a deactivated user's still valid token in every service; an unknown user's token still opens", async () => {
    await publish('console.user-created.v1', directoryUser('u-gone', { roles: ['supervisor'] }));
    await settled();
    for (const service of SERVICES) {
      await request(apps[service].getHttpServer())
        .get('/audit')
        .set('Authorization', bearer(['supervisor'], 'u-gone'))
        .expect(200);
    }
    // The deactivation event says active: false; the services take it as such whatever the flag.
    await publish('console.user-deactivated.v1', directoryUser('u-gone', { roles: ['supervisor'], active: true }));
    await settled();
    for (const service of SERVICES) {
      expect((await rowIn(service, 'u-gone')).active).toBe(false);
      const refused = await request(apps[service].getHttpServer())
        .get('/audit')
        .set('Authorization', bearer(['supervisor'], 'u-gone'))
        .expect(403);
      expect(refused.body.error).toMatchObject({ code: 'USER_INACTIVE', details: { userId: 'u-gone' } });
      await request(apps[service].getHttpServer())
        .get('/audit')
        .set('Authorization', bearer(['supervisor'], 'u-not-yet-known'))
        .expect(200);
    }
  });

  it("shows the directory's name beside the actor of the registry's status history, RATs and health assessments", async () => {
    await publish(
      'console.user-created.v1',
      directoryUser('u-reg', { fullName: 'Rina Registrar', roles: ['registrar'] }),
    );
    await settled();
    const server = apps.registry.getHttpServer();
    const created = await request(server)
      .post('/cooperatives')
      .set('Authorization', bearer(['registrar'], 'u-reg'))
      .send(cooperativeBody())
      .expect(201);
    const history = await request(server)
      .get(`/cooperatives/${created.body.id}/status-history`)
      .set('Authorization', bearer(['manager'], 'u-manager'))
      .expect(200);
    expect(history.body).toEqual([
      expect.objectContaining({ to: 'ACTIVE', actorId: 'u-reg', actorName: 'Rina Registrar' }),
    ]);
    await request(server)
      .post(`/cooperatives/${created.body.id}/rats`)
      .set('Authorization', bearer(['registrar'], 'u-reg'))
      .send({
        fiscalYear: 2023,
        meetingDate: '2024-03-20',
        reportedDate: '2024-04-02',
        membersPresent: 50,
        membersTotal: 75,
      })
      .expect(201);
    const rats = await request(server)
      .get(`/cooperatives/${created.body.id}/rats`)
      .set('Authorization', bearer(['manager'], 'u-manager'))
      .expect(200);
    expect(rats.body).toEqual([expect.objectContaining({ recordedBy: 'u-reg', recordedByName: 'Rina Registrar' })]);
    await request(server)
      .post(`/cooperatives/${created.body.id}/health-assessments`)
      .set('Authorization', bearer(['registrar'], 'u-reg'))
      .send({
        fiscalYear: 2023,
        scheme: 'B',
        assessedOn: '2024-05-11',
        aspectRatings: { GOVERNANCE: 2, RISK_PROFILE: 3, FINANCIAL_PERFORMANCE: 3, CAPITAL: 2 },
        finalCategory: 'FAIRLY_HEALTHY',
      })
      .expect(201);
    const assessments = await request(server)
      .get(`/cooperatives/${created.body.id}/health-assessments`)
      .set('Authorization', bearer(['manager'], 'u-manager'))
      .expect(200);
    expect(assessments.body).toEqual([
      expect.objectContaining({ assessedBy: 'u-reg', assessedByName: 'Rina Registrar' }),
    ]);
  });
});

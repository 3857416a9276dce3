import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { eventually, TEST_JWT_SECRET } from '@koperasi/testing';
import type { ServiceName } from '@koperasi/contracts';
import { manager, officer, supervisor } from './lifecycle';

const ROOT = path.resolve(__dirname, '../../..');

/** Seeds the demo city through the services' APIs, as `npm start` does. */
export async function seedDemoCity(urls: Record<ServiceName, string>): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [path.join(ROOT, 'scripts/demo/seed-cli.mjs'), urls.registry, urls.mentoring, urls.dissolution],
    { env: { ...process.env, JWT_SECRET: TEST_JWT_SECRET } },
  );
}

const officeDay = (offsetDays: number) =>
  new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** The registry, mentoring and dissolution figures the demo city is published with. */
export async function expectDemoFigures(urls: Record<ServiceName, string>): Promise<void> {
  const statistics = await manager.get(`${urls.registry}/statistics`);
  expect(statistics.status).toBe(200);
  expect(statistics.body.total).toBe(298);
  expect(statistics.body.byStatus).toEqual({
    ACTIVE: 177,
    INACTIVE: 99,
    IN_DISSOLUTION: 22,
    DISSOLVED: 0,
    LEGAL_ENTITY_REVOKED: 0,
  });
  expect(statistics.body.ratsByFiscalYear.find((year: { fiscalYear: number }) => year.fiscalYear === 2023).count).toBe(
    52,
  );
  expect(statistics.body.byKecamatan.map((group: { key: string }) => group.key).sort()).toEqual([
    'Bukit Batu',
    'Jekan Raya',
    'Pahandut',
    'Rakumpit',
    'Sabangau',
  ]);

  // The history starts at each cooperative's legal-entity date (1985-2014): past years are not empty.
  const in2015 = await manager.get(`${urls.registry}/statistics?asOf=2015-12-31`);
  expect(in2015.body.total).toBe(298);
  const in1990 = await manager.get(`${urls.registry}/statistics?asOf=1990-12-31`);
  expect(in1990.body.total).toBeGreaterThan(0);
  expect(in1990.body.total).toBeLessThan(298);

  const inactive = await manager.get(`${urls.registry}/cooperatives?status=INACTIVE&limit=200`);
  const reactivation = await manager.get(`${urls.mentoring}/cases?type=REACTIVATION&limit=200`);
  const withOpenCase = new Set(
    (reactivation.body.items as { cooperative: { id: string } }[]).map((c) => c.cooperative.id),
  );
  expect(withOpenCase.size).toBe(99);
  expect((inactive.body.items as { id: string }[]).every((cooperative) => withOpenCase.has(cooperative.id))).toBe(true);

  const pipeline = await manager.get(`${urls.dissolution}/proceedings/pipeline`);
  const byStep = Object.fromEntries(
    (pipeline.body.steps as { step: string; count: number }[]).map((step) => [step.step, step.count]),
  );
  expect(byStep).toMatchObject({
    DRAFT: 0,
    PROPOSED: 0,
    APPROVED: 5,
    NOTICE_DELIVERED: 6,
    OBJECTION_UNDER_REVIEW: 5,
    READY_FOR_DECREE: 6,
  });
  expect(pipeline.body.total).toBe(22);
}

/** Every queue tab filled: requests received weeks ago are overdue or due soon, their SLA notices sent. */
export async function expectDemoQueueTabs(urls: Record<ServiceName, string>): Promise<void> {
  // Per kecamatan (5): two overdue and two due soon (one of each claimed), one claimed and on hold.
  const counts = await officer.get(`${urls.mentoring}/cases/counts`);
  expect(counts.status).toBe(200);
  expect(counts.body).toMatchObject({
    all: 99 + 25,
    unassigned: 99 + 10,
    mine: 15,
    onHold: 5,
    overdue: 10,
    dueSoon: 10,
  });
  const overdue = await officer.get(`${urls.mentoring}/cases?tab=overdue&limit=50`);
  expect(new Set(overdue.body.items.map((c: { type: string }) => c.type))).toEqual(
    new Set(['INTERNAL_DISPUTE', 'RAT_PREPARATION']),
  );
  expect(overdue.body.items.every((c: { overdue: boolean }) => c.overdue)).toBe(true);

  const notices = async (as: typeof officer) => {
    const found = await as.get(`${urls.mentoring}/notifications?limit=200`);
    const kinds = found.body.items.map((n: { kind: string; recipientKind: string }) => `${n.recipientKind} ${n.kind}`);
    return (kind: string) => kinds.filter((entry: string) => entry === kind).length;
  };
  // The timers fired while the cases were unassigned (supervisors) or after the claim; either way each
  // claimed case's assignee is told once. They fire asynchronously, so the supervisors' notices may
  // still be on their way when the assignee's are in.
  await eventually(async () => {
    const count = await notices(officer);
    return count('USER CASE_OVERDUE') === 5 && count('USER CASE_DUE_SOON') === 5;
  }, 'the claimed cases overdue and due soon notified to their assignee');
  await eventually(async () => {
    const count = await notices(supervisor);
    return count('ROLE CASE_OVERDUE') >= 10 && count('ROLE CASE_DUE_SOON') >= 5;
  }, 'the unassigned cases overdue and due soon notified to the supervisors');
  const toSupervisors = await notices(supervisor);
  expect(toSupervisors('ROLE CASE_OVERDUE')).toBe(10);
  expect(toSupervisors('ROLE CASE_DUE_SOON')).toBeGreaterThanOrEqual(5);
}

/** The reactivation report agrees with the registry for the same period. */
export async function expectDemoReactivationReport(urls: Record<ServiceName, string>): Promise<void> {
  const period = `from=${officeDay(-1)}&to=${officeDay(0)}`;
  const report = await manager.get(`${urls.mentoring}/reports/reactivation?${period}`);
  const transitions = await manager.get(`${urls.registry}/statistics/transitions?${period}`);
  const statistics = await manager.get(`${urls.registry}/statistics`);
  expect(report.status).toBe(200);
  expect(transitions.status).toBe(200);

  const moved = (from: string, to: string) =>
    (transitions.body.transitions as { from: string; to: string; count: number }[]).find(
      (t) => t.from === from && t.to === to,
    )?.count ?? 0;
  expect(report.body.becameInactive).toBe(transitions.body.into.INACTIVE);
  expect(report.body.becameInactive).toBe(121);
  expect(report.body.reactivated).toBe(moved('INACTIVE', 'ACTIVE'));
  expect(report.body.dissolution.entered).toBe(transitions.body.into.IN_DISSOLUTION);
  expect(report.body.cases).toMatchObject({
    opened: 121,
    openAtEnd: statistics.body.byStatus.INACTIVE,
    closedFailed: 22,
    closedReactivated: 0,
  });
  expect(report.body.dissolution.byCurrentStatus.IN_DISSOLUTION).toBe(statistics.body.byStatus.IN_DISSOLUTION);
  const monthly = (report.body.months as { becameInactive: number; closedFailed: number }[]).reduce(
    (sum, month) => ({
      becameInactive: sum.becameInactive + month.becameInactive,
      closedFailed: sum.closedFailed + month.closedFailed,
    }),
    { becameInactive: 0, closedFailed: 0 },
  );
  expect(monthly).toEqual({ becameInactive: 121, closedFailed: 22 });

  const csv = await manager.get(`${urls.mentoring}/reports/reactivation.csv?${period}`);
  expect(csv.status).toBe(200);
  expect(csv.body).toMatch(/becameInactive.*,121/);
}

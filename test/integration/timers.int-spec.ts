import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Deadline, TimerScheduler, UnitOfWork } from '@koperasi/platform';
import { eventually } from '@koperasi/testing';
import {
  SAMPLE_DEADLINE,
  SAMPLE_SLA_DEADLINE,
  SampleDeadlineConsumer,
  startMessagingFixture,
  type MessagingFixture,
} from './messaging-fixture';

/** Timers always fire: after a failed job, a lost race, behind a wave of SLA timers. */
describe('timers (real PostgreSQL and Redis)', () => {
  let fx: MessagingFixture;
  let uow: UnitOfWork;

  beforeAll(async () => {
    fx = await startMessagingFixture();
    uow = fx.consumer.get(UnitOfWork);
  });

  afterAll(() => fx?.close());

  afterEach(async () => {
    SampleDeadlineConsumer.conflictsLeft = 0;
    SampleDeadlineConsumer.failuresLeft = 0;
    SampleDeadlineConsumer.meetings = 0;
    SampleDeadlineConsumer.mostAtOnce = 0;
    SampleDeadlineConsumer.started = [];
    await fx.timers.resume();
  });

  const fired = (subjectId: string) => fx.effects('sample.deadline-fired', subjectId);
  const stateOf = async (id: string) =>
    (await fx.consumer.get(DataSource).getRepository(Deadline).findOneByOrFail({ id })).state;

  it('retries a timer that lost an optimistic-lock race instead of marking it FAILED', async () => {
    SampleDeadlineConsumer.conflictsLeft = 1;
    const subject = randomUUID();
    const deadline = await uow.run((tx) => tx.schedule(SAMPLE_DEADLINE, subject, new Date()));

    await eventually(() => fired(subject), 'the deadline to fire after the conflict');
    expect(SampleDeadlineConsumer.conflictsLeft).toBe(0);
    expect(await stateOf(deadline.id)).toBe('FIRED');
  });

  it('fires a deadline whose job ended in the failed set: the sweep removes the job and arms it again', async () => {
    await fx.timers.pause();
    const subject = randomUUID();
    const deadline = await uow.run((tx) => tx.schedule(SAMPLE_DEADLINE, subject, new Date()));
    const jobId = `${deadline.id}-${deadline.dueAt.getTime()}`;
    // The armed job, replaced by one with no retries left, as after a long outage.
    await (await fx.timers.getJob(jobId))!.remove();
    await fx.timers.add(SAMPLE_DEADLINE, { deadlineId: deadline.id }, { jobId, attempts: 1 });
    SampleDeadlineConsumer.failuresLeft = 1;
    await fx.timers.resume();
    await eventually(async () => (await fx.timers.getJob(jobId))?.isFailed(), 'the timer job to fail');
    expect(await stateOf(deadline.id)).toBe('PENDING');

    expect(await fx.consumer.get(TimerScheduler).sweep()).toBeGreaterThanOrEqual(1);

    await eventually(() => fired(subject), 'the re-armed deadline to fire');
    expect(await stateOf(deadline.id)).toBe('FIRED');
  });

  it('fires timers concurrently (TIMER_CONCURRENCY=2 in this fixture)', async () => {
    SampleDeadlineConsumer.meetings = 2;
    const subjects = [randomUUID(), randomUUID()];
    await uow.run((tx) =>
      tx.scheduleAll(subjects.map((subjectId) => ({ kind: SAMPLE_DEADLINE, subjectId, dueAt: new Date() }))),
    );

    for (const subject of subjects) await eventually(() => fired(subject), 'both deadlines to fire');
    expect(SampleDeadlineConsumer.mostAtOnce).toBe(2);
  });

  it('serves a statutory deadline before a wave of SLA timers that came due earlier', async () => {
    await fx.timers.pause();
    const wave = Array.from({ length: 6 }, () => randomUUID());
    const statutory = randomUUID();
    const due = new Date();
    await uow.run((tx) =>
      tx.scheduleAll(wave.map((subjectId) => ({ kind: SAMPLE_SLA_DEADLINE, subjectId, dueAt: due }))),
    );
    await uow.run((tx) => tx.schedule(SAMPLE_DEADLINE, statutory, due));
    await fx.timers.resume();

    for (const subject of [...wave, statutory]) await eventually(() => fired(subject), 'every deadline to fire');
    // Two workers at once: the statutory job is in the first pair taken, not the last.
    expect(SampleDeadlineConsumer.started.indexOf(statutory)).toBeLessThan(2);
  });
});

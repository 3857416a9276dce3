import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { Deadline, SLA_FIRE_BATCH, TimerScheduler, UnitOfWork } from '@koperasi/platform';
import { eventually, flushPrefix } from '@koperasi/testing';
import {
  SAMPLE_DEADLINE,
  SAMPLE_SLA_DEADLINE,
  SampleDeadlineConsumer,
  SampleSlaDeadlineConsumer,
  startMessagingFixture,
  type MessagingFixture,
} from './messaging-fixture';

/** Timers always fire: after a failed job, a lost race, a Redis flush, beside a wave of SLA timers. */
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
    SampleSlaDeadlineConsumer.conflictsLeft = 0;
    SampleSlaDeadlineConsumer.failuresLeft = 0;
    SampleSlaDeadlineConsumer.transactions.clear();
    await fx.timers.resume();
    await fx.slaTimers.resume();
  });

  const fired = (subjectId: string) => fx.effects('sample.deadline-fired', subjectId);
  const stateOf = async (id: string) =>
    (await fx.consumer.get(DataSource).getRepository(Deadline).findOneByOrFail({ id })).state;
  const pendingAmong = (ids: string[]) =>
    fx.consumer
      .get(DataSource)
      .getRepository(Deadline)
      .countBy({ id: In(ids), state: 'PENDING' });
  const scheduleWave = (count: number, dueAt = new Date()) =>
    uow.run((tx) =>
      tx.scheduleAll(
        Array.from({ length: count }, () => ({ kind: SAMPLE_SLA_DEADLINE, subjectId: randomUUID(), dueAt })),
      ),
    );
  const firedOnceEach = async (deadlines: Deadline[]) => {
    const counts = await Promise.all(deadlines.map((deadline) => fired(deadline.subjectId)));
    return counts.filter((count) => count !== 1).length;
  };

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

  it('fires a statutory deadline in its own lane while the SLA lane is stuck behind a wave', async () => {
    await fx.slaTimers.pause();
    const wave = await scheduleWave(6);
    const statutory = randomUUID();
    await uow.run((tx) => tx.schedule(SAMPLE_DEADLINE, statutory, new Date()));

    await eventually(() => fired(statutory), 'the statutory deadline to fire');
    expect(await pendingAmong(wave.map((deadline) => deadline.id))).toBe(wave.length);
    for (const deadline of wave) {
      // A wave has no job per deadline, in either lane.
      const jobId = `${deadline.id}-${deadline.dueAt.getTime()}`;
      expect(await fx.timers.getJob(jobId)).toBeUndefined();
      expect(await fx.slaTimers.getJob(jobId)).toBeUndefined();
    }

    await fx.slaTimers.resume();
    await eventually(async () => (await pendingAmong(wave.map((d) => d.id))) === 0, 'the wave to fire');
    expect(await firedOnceEach(wave)).toBe(0);
  });

  it('fires a wave of SLA deadlines exactly once each, many per transaction', async () => {
    await fx.slaTimers.pause();
    const wave = await scheduleWave(SLA_FIRE_BATCH + 20);
    await fx.slaTimers.resume();

    await eventually(async () => (await pendingAmong(wave.map((d) => d.id))) === 0, 'the wave to fire', 60_000);
    expect(await firedOnceEach(wave)).toBe(0);
    expect(SampleSlaDeadlineConsumer.transactions.size).toBeLessThan(wave.length / 10);
    // Sweeping again finds nothing of the wave to arm, and fires nothing twice.
    await fx.consumer.get(TimerScheduler).sweep();
    await fx.consumer.get(TimerScheduler).sweep();
    expect(await firedOnceEach(wave)).toBe(0);
  });

  it('retries alone each deadline of a wave batch that failed, and fires each once', async () => {
    await fx.slaTimers.pause();
    const wave = await scheduleWave(5);
    SampleSlaDeadlineConsumer.failuresLeft = 1;
    await fx.slaTimers.resume();

    await eventually(async () => (await pendingAmong(wave.map((d) => d.id))) === 0, 'the wave to fire');
    expect(SampleSlaDeadlineConsumer.failuresLeft).toBe(0);
    for (const deadline of wave) expect(await stateOf(deadline.id)).toBe('FIRED');
    expect(await firedOnceEach(wave)).toBe(0);
  });

  it('fires a wave batch that lost a race again as a whole, not deadline by deadline', async () => {
    await fx.slaTimers.pause();
    const wave = await scheduleWave(5);
    SampleSlaDeadlineConsumer.conflictsLeft = 1;
    await fx.slaTimers.resume();

    await eventually(async () => (await pendingAmong(wave.map((d) => d.id))) === 0, 'the wave to fire');
    expect(SampleSlaDeadlineConsumer.conflictsLeft).toBe(0);
    expect(await firedOnceEach(wave)).toBe(0);
    // The lost batch and its retry; handed over, the five would have taken a transaction each.
    expect(SampleSlaDeadlineConsumer.transactions.size).toBeLessThan(wave.length);
  });

  it('fires a wave and a statutory deadline after a Redis flush: the sweeper re-arms both lanes', async () => {
    await fx.slaTimers.pause();
    await fx.timers.pause();
    const wave = await scheduleWave(30);
    const statutory = await uow.run((tx) => tx.schedule(SAMPLE_DEADLINE, randomUUID(), new Date()));
    expect(await fx.slaTimers.count()).toBeGreaterThan(0);

    expect(await flushPrefix(fx.prefix)).toBeGreaterThan(0);
    expect(await fx.slaTimers.count()).toBe(0);

    // The flush took the pauses too; the sweeper (every 500 ms here) arms the lanes again.
    await eventually(async () => (await pendingAmong(wave.map((d) => d.id))) === 0, 'the wave to fire', 30_000);
    await eventually(() => fired(statutory.subjectId), 'the statutory deadline to fire', 30_000);
    await fx.consumer.get(TimerScheduler).sweep();
    expect(await firedOnceEach([...wave, statutory])).toBe(0);
    expect(await stateOf(statutory.id)).toBe('FIRED');
  });
});

// Measurement 5: a timer wave. The evaluation arms a reminder and an overdue deadline for every case
// it opens; here as many open cases as the evaluation makes cooperatives inactive (53,649 at
// national scale: the seeded backlog, and the latency run's cases) get both deadlines due at one
// instant, and statutory deadlines in dissolution fall due while that wave is being fired. Pending
// deadlines of those cases are moved, the missing ones written. Figures: how late each statutory
// deadline fired (its settled_at minus its due_at, both taken by the services) and how long the
// wave took from its due time to the last one fired. The services' own sweeper arms the wave, as it
// does when deadlines armed days ahead come near, so the wave is due a little after its next pass.
import { randomUUID } from 'node:crypto';
import { connect } from './scratch.mjs';
import { NotMeasured } from './seed.mjs';
import { sleep } from './stats.mjs';

/** The deadline kinds of mentoring's case SLA and of dissolution's objection window. */
const SLA_KINDS = ['mentoring.case-reminder', 'mentoring.case-overdue'];
const STATUTORY_KIND = 'dissolution.objection-window-closes';
/** The services' default TIMER_SWEEP_INTERVAL_MS: the wave must be due after the next sweep. */
const SWEEP_INTERVAL_MS = Number(process.env.TIMER_SWEEP_INTERVAL_MS || 30_000);
/**
 * A sweep runs at the first of a service's four ticks a period once a period has passed since the
 * last (PeriodicTasks): up to 1.25 periods apart. Deadlines written behind the services' backs, as
 * here, are armed only by that sweep; a deadline due before it would be late by the bench's doing.
 */
const NEXT_SWEEP_WITHIN_MS = SWEEP_INTERVAL_MS * 1.25 + 5_000;
const SWEEPS_SQL = `SELECT
  (SELECT last_run_at FROM mentoring.periodic_runs WHERE name = 'timer-sweep') AS mentoring,
  (SELECT last_run_at FROM dissolution.periodic_runs WHERE name = 'timer-sweep') AS dissolution`;
/** Statutory deadlines fall due this long after the wave: early in it, and later while it may still run. */
const STATUTORY_OFFSETS_MS = [250, 500, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 48_000];

const PROGRESS_SQL = `SELECT
  (SELECT count(*)::int FROM mentoring.deadlines WHERE id = ANY($1) AND state <> 'PENDING') AS wave_settled,
  (SELECT max(settled_at) FROM mentoring.deadlines WHERE id = ANY($1)) AS wave_last,
  (SELECT count(*)::int FROM dissolution.deadlines WHERE id = ANY($2) AND state <> 'PENDING') AS statutory_settled`;

export async function timerWave({ options, scratch, report, log, seeded }) {
  if (!seeded) throw new NotMeasured('nothing was seeded');
  const client = await connect(scratch.databaseUrl);
  try {
    const {
      rows: [{ now }],
    } = await client.query('SELECT now()');
    const dueAt = new Date(now.getTime() + NEXT_SWEEP_WITHIN_MS);
    const { rows: wave } = await client.query(
      `WITH subjects AS (
         SELECT id::text AS subject_id FROM mentoring.cases WHERE status <> 'CLOSED' ORDER BY id LIMIT $3),
       moved AS (
         UPDATE mentoring.deadlines d SET due_at = $1 FROM subjects s
         WHERE d.subject_id = s.subject_id AND d.state = 'PENDING' AND d.kind = ANY($2)
         RETURNING d.id),
       written AS (
         INSERT INTO mentoring.deadlines (kind, subject_id, due_at)
         SELECT k.kind, s.subject_id, $1 FROM subjects s CROSS JOIN unnest($2::varchar[]) AS k(kind)
         WHERE NOT EXISTS (SELECT 1 FROM mentoring.deadlines d
                           WHERE d.subject_id = s.subject_id AND d.kind = k.kind AND d.state = 'PENDING')
         RETURNING id)
       SELECT id FROM moved UNION ALL SELECT id FROM written`,
      [dueAt, SLA_KINDS, seeded.expectedInactive],
    );
    if (wave.length === 0) throw new NotMeasured('mentoring has no open case');
    // Closed proceedings: their objection-window timers fire and change nothing.
    const statutory = [];
    const offsets = STATUTORY_OFFSETS_MS.filter((offset) => offset <= options.timerWave.statutoryWithinMs);
    for (const offset of offsets) {
      const {
        rows: [proceeding],
      } = await client.query(
        `INSERT INTO dissolution.proceedings (cooperative_id, step, evidence, opened_by, closed_at, closed_reason)
         VALUES ($1, 'WITHDRAWN', '{}', 'bench', now(), 'timer-wave benchmark') RETURNING id`,
        [`bench-timer-wave-${randomUUID()}`],
      );
      const {
        rows: [deadline],
      } = await client.query(
        `INSERT INTO dissolution.deadlines (kind, subject_id, due_at) VALUES ($1, $2, $3) RETURNING id`,
        [STATUTORY_KIND, proceeding.id, new Date(dueAt.getTime() + offset)],
      );
      statutory.push(deadline.id);
    }
    const {
      rows: [{ written }],
    } = await client.query('SELECT clock_timestamp() AS written');
    const waveIds = wave.map((row) => row.id);
    log(`  timer wave: ${waveIds.length} SLA deadlines due at ${dueAt.toISOString()}, ${statutory.length} statutory`);

    const stopAt = dueAt.getTime() + options.timerWave.timeoutMs;
    // The first sweep of each service after the deadlines were written: the one that armed them.
    const armedBy = {};
    let progress;
    for (;;) {
      const {
        rows: [sweeps],
      } = await client.query(SWEEPS_SQL);
      for (const [service, at] of Object.entries(sweeps))
        if (at && at > written && !armedBy[service]) armedBy[service] = at;
      progress = (await client.query(PROGRESS_SQL, [waveIds, statutory])).rows[0];
      if (progress.wave_settled === waveIds.length && progress.statutory_settled === statutory.length) break;
      if (Date.now() > stopAt) break;
      await sleep(250);
    }
    const { rows: fired } = await client.query(
      `SELECT state, extract(epoch FROM settled_at - due_at) * 1000 AS delay_ms FROM dissolution.deadlines
       WHERE id = ANY($1) ORDER BY due_at`,
      [statutory],
    );
    const statutoryFired = fired.map((row) => ({
      state: row.state,
      delayMs: row.delay_ms === null ? null : Math.round(Number(row.delay_ms)),
    }));
    const delays = statutoryFired.filter((row) => row.delayMs !== null).map((row) => row.delayMs);
    const complete = progress.wave_settled === waveIds.length;
    const waveSeconds = progress.wave_last ? (progress.wave_last.getTime() - dueAt.getTime()) / 1000 : null;

    report.add(
      'timer wave',
      `statutory fired-at - due-at, worst of ${statutory.length} (0.25-${offsets.at(-1) / 1000} s in wave)`,
      delays.length === statutory.length ? Math.max(...delays) / 1000 : `${delays.length} of ${statutory.length} fired`,
      's',
      '<= 1 s',
    );
    report.add(
      'timer wave',
      complete
        ? `wave of ${waveIds.length} SLA deadlines: due -> last one fired`
        : `wave cut by the time budget: ${progress.wave_settled} of ${waveIds.length} fired`,
      waveSeconds,
      's',
    );
    const sweptBeforeDueMs = Object.fromEntries(
      Object.entries(armedBy).map(([service, at]) => [service, dueAt.getTime() - at.getTime()]),
    );
    report.add(
      'timer wave',
      'sweep that armed the deadlines, before their due time: mentoring / dissolution',
      ['mentoring', 'dissolution']
        .map((service) => (service in sweptBeforeDueMs ? (sweptBeforeDueMs[service] / 1000).toFixed(1) : '-'))
        .join(' / '),
      's',
      '> 0',
    );
    report.detail('timer wave', {
      sweptBeforeDueMs,
      slaDeadlines: waveIds.length,
      dueAt,
      statutoryOffsetsMs: offsets,
      statutory: statutoryFired,
      progress,
      waveSeconds,
      complete,
    });
  } finally {
    await client.end();
  }
}

// Measurement 7: the floor under the evaluation. The rows the pipeline writes for the wave, written
// by this one process with set-based SQL in one transaction, no queue, in a copy of the database
// taken before the services start (so the pipeline's own tables never see it), run after the
// services have stopped (so it shares the machine with nothing).
import { performance } from 'node:perf_hooks';
import { compiled } from '../services.mjs';
import { dissolutionStatements, mentoringStatements, registryStatements } from './floor-sql.mjs';
import { INACTIVE_SUFFIX, countDifferences, countRows, rowsWritten } from './row-counts.mjs';
import { connect } from './scratch.mjs';
import { NotMeasured } from './seed.mjs';

const { registryEnvSchema } = compiled('apps/registry/src/config.js');
const { evaluationReason, evaluationWindow } = compiled('apps/registry/src/evaluation/evaluation-rule.js');
const { mentoringEnvSchema } = compiled('apps/mentoring/src/config.js');
const { PRIORITY_RANK } = compiled('apps/mentoring/src/cases/case-types.js');

/**
 * Tables the pipeline writes into that the floor need not: the run's plan of chunks (it makes a
 * run resumable) and the services' own bookkeeping (periodic jobs, Redis restarts), whatever runs.
 */
const PIPELINE_MACHINERY = ['evaluation_chunks', 'periodic_runs', 'redis_epochs'];
const isMachinery = (table) => PIPELINE_MACHINERY.includes(table.split('.')[1]);

/** The services' settings that decide what they write, from the environment they got. */
export function serviceSettings() {
  const registry = registryEnvSchema.parse(process.env);
  const mentoring = mentoringEnvSchema.parse(process.env);
  return {
    officeOffsetMinutes: registry.OFFICE_UTC_OFFSET_MINUTES,
    slaDays: mentoring.CASE_SLA_DAYS.REACTIVATION,
    reminderDaysBefore: mentoring.CASE_REMINDER_DAYS_BEFORE,
    checklist: mentoring.CASE_CHECKLISTS.REACTIVATION ?? [],
  };
}

/** The evaluation's parameters from the pipeline's run, with the services' settings. */
async function floorSettings(client, runId) {
  const {
    rows: [run],
  } = await client.query(
    'SELECT fiscal_year, inactive_after_years, started_by FROM registry.evaluation_runs WHERE id = $1',
    [runId],
  );
  const window = evaluationWindow(run.fiscal_year, run.inactive_after_years);
  return {
    ...serviceSettings(),
    fiscalYear: run.fiscal_year,
    inactiveAfterYears: run.inactive_after_years,
    windowFrom: window.from,
    reason: evaluationReason(run.fiscal_year, window),
    actorId: run.started_by,
    // A cooperative going from ACTIVE to INACTIVE gets a NORMAL reactivation case.
    priority: 'NORMAL',
    priorityRank: PRIORITY_RANK.NORMAL,
  };
}

/** Which cooperatives a run made INACTIVE: how many, and a digest of their ids. */
async function waveOf(client, runId) {
  const {
    rows: [wave],
  } = await client.query(
    `SELECT count(*)::int AS n, md5(string_agg(cooperative_id::text, ',' ORDER BY cooperative_id)) AS digest
     FROM registry.evaluation_run_cooperatives WHERE run_id = $1`,
    [runId],
  );
  return wave;
}

const seconds = (since) => (performance.now() - since) / 1000;

/** The floor itself: every statement in one transaction, timed per service and for the commit. */
async function writeWave(client, settings) {
  const parts = {};
  const statements = [];
  const results = {};
  const started = performance.now();
  await client.query('BEGIN');
  try {
    for (const [part, list] of [
      ['registry', registryStatements(settings)],
      ['mentoring', mentoringStatements(settings)],
      ['dissolution', dissolutionStatements(settings)],
    ]) {
      const partStarted = performance.now();
      for (const statement of list) {
        const statementStarted = performance.now();
        const values = typeof statement.values === 'function' ? statement.values(results) : statement.values;
        const result = await client.query(statement.text, values);
        if (statement.as) results[statement.as] = result.rows[0].id;
        statements.push({
          part,
          statement: statement.text.trim().split('\n')[0].slice(0, 80),
          rows: result.rowCount,
          ms: Math.round((performance.now() - statementStarted) * 10) / 10,
        });
      }
      parts[part] = seconds(partStarted);
    }
    const commitStarted = performance.now();
    await client.query('COMMIT');
    parts.commit = seconds(commitStarted);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
  return { seconds: seconds(started), parts, statements, runId: results.run };
}

export class Floor {
  constructor({ scratch, log, seeded }) {
    this.scratch = scratch;
    this.log = log;
    this.seeded = seeded;
    this.databaseName = `${scratch.databaseName}_floor`;
    const url = new URL(scratch.databaseUrl);
    url.pathname = `/${this.databaseName}`;
    this.databaseUrl = url.toString();
  }

  /** Copies the seeded database (nothing may be connected to it: call before the services start). */
  async copy() {
    if (!this.seeded) throw new NotMeasured('nothing was seeded');
    const started = Date.now();
    try {
      await this.admin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${this.databaseName} WITH (FORCE)`);
        await client.query(
          `CREATE DATABASE ${this.databaseName} TEMPLATE ${this.scratch.databaseName} STRATEGY FILE_COPY`,
        );
      });
    } catch (error) {
      throw new NotMeasured(`the database could not be copied: ${error.message}`);
    }
    this.copied = true;
    this.copySeconds = (Date.now() - started) / 1000;
    this.log(`  floor: database copied in ${this.copySeconds.toFixed(1)} s`);
  }

  /** The rows of every table just before the evaluation, in the pipeline's database. */
  async beforeEvaluation() {
    if (!this.copied) return;
    const client = await connect(this.scratch.databaseUrl);
    try {
      this.pipelineBefore = await countRows(client);
    } finally {
      await client.end();
    }
  }

  /** Writes the wave in the copy, compares its rows with the pipeline's and reports both times. */
  async measure({ report }) {
    if (!this.copied) return;
    const evaluation = report.details.evaluation;
    if (!this.pipelineBefore || !evaluation?.run?.id) throw new NotMeasured('the evaluation was not measured');
    const pipeline = await connect(this.scratch.databaseUrl);
    let expected;
    let settings;
    try {
      expected = rowsWritten(this.pipelineBefore, await countRows(pipeline));
      settings = await floorSettings(pipeline, evaluation.run.id);
      settings.wave = await waveOf(pipeline, evaluation.run.id);
    } finally {
      await pipeline.end();
    }

    const client = await connect(this.databaseUrl);
    let run;
    try {
      const before = await countRows(client);
      run = await writeWave(client, settings);
      run.written = rowsWritten(before, await countRows(client));
      run.wave = await waveOf(client, run.runId);
    } finally {
      await client.end();
    }
    this.addFigures(report, { evaluation, expected, settings, run });
  }

  addFigures(report, { evaluation, expected, settings, run }) {
    const rows = [...run.written.values()].reduce((sum, n) => sum + n, 0);
    const tables = new Set([...run.written.keys()].map((table) => table.replace(INACTIVE_SUFFIX, ''))).size;
    report.detail('floor', {
      copySeconds: this.copySeconds,
      seconds: run.seconds,
      parts: run.parts,
      statements: run.statements,
      written: Object.fromEntries(run.written),
      pipelineWritten: Object.fromEntries(expected),
      ignored: PIPELINE_MACHINERY,
    });
    if (evaluation.complete) {
      const differences = countDifferences(expected, run.written, isMachinery);
      if (run.wave.digest !== settings.wave.digest)
        differences.push({
          table: 'the wave (cooperatives made INACTIVE)',
          expected: settings.wave.n,
          actual: run.wave.n,
        });
      if (differences.length > 0) {
        console.table(differences);
        throw new NotMeasured(
          `the floor wrote other row counts than the pipeline: ${differences
            .map(({ table, expected: e, actual: a }) => `${table} ${a} instead of ${e}`)
            .join(', ')}`,
        );
      }
    }
    const { registry, mentoring, dissolution, commit } = run.parts;
    report.add('floor', 'the wave written by 1 process, set-based SQL, 1 transaction', run.seconds, 's');
    report.add(
      'floor',
      evaluation.complete
        ? "rows written, as many as the pipeline's in every table"
        : 'rows written (not compared: the evaluation did not finish)',
      `${rows} in ${tables} tables`,
      'rows',
    );
    report.add(
      'floor',
      'of which registry / mentoring / dissolution / commit',
      [registry, mentoring, dissolution, commit].map((part) => part.toFixed(2)).join(' / '),
      's',
    );
    if (evaluation.registrySeconds)
      report.add(
        'floor',
        'pipeline (API call -> every status change) / floor registry',
        evaluation.registrySeconds / registry,
        'times',
      );
    if (evaluation.complete && evaluation.openedSeconds)
      report.add(
        'floor',
        'pipeline (API call -> every case open) / floor',
        evaluation.openedSeconds / run.seconds,
        'times',
      );
  }

  async drop() {
    await this.admin((client) => client.query(`DROP DATABASE IF EXISTS ${this.databaseName} WITH (FORCE)`));
  }

  async admin(work) {
    const url = new URL(this.scratch.databaseUrl);
    url.pathname = '/postgres';
    const client = await connect(url.toString());
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
}

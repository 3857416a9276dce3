import { randomUUID } from 'node:crypto';
import { Logger, type ArgumentsHost } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type ConstraintMeanings } from '@koperasi/platform';
import { createTestDatabase, type TestDatabase } from '@koperasi/testing';
import { HttpExceptionFilter } from '../../libs/platform/src/http/http-exception.filter';
import { DISSOLUTION_CONSTRAINTS } from '../../apps/dissolution/src/dissolution.constraints';
import { MENTORING_CONSTRAINTS } from '../../apps/mentoring/src/mentoring.constraints';
import { mentoringDatabase } from '../../apps/mentoring/src/mentoring.database';
import { REGISTRY_CONSTRAINTS } from '../../apps/registry/src/registry.constraints';

/** An adapter that writes the filter's answer onto the stand-in responses below. */
const adapterHost = {
  httpAdapter: {
    reply: (response: { status(code: number): { json(body: unknown): unknown } }, body: unknown, status: number) =>
      response.status(status).json(body),
  },
} as unknown as HttpAdapterHost;

/** What the error filter answers for real PostgreSQL errors, and the pool's session limits. */
describe('database errors and pool limits', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    database = await createTestDatabase();
    dataSource = await new DataSource(
      dataSourceOptions(mentoringDatabase, database.url, {
        size: 2,
        connectTimeoutMs: 5_000,
        statementTimeoutMs: 300,
        idleInTransactionTimeoutMs: 4_000,
      }),
    ).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** The body and status the filter answers for the error a query raises. */
  async function answerTo(sql: string, parameters: unknown[], constraints: ConstraintMeanings = {}) {
    const error = await dataSource.query(sql, parameters).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeDefined();
    const answer: { status?: number; body?: { error: { code: string; message: string; details: object } } } = {};
    const response = {
      status: (status: number) => ((answer.status = status), response),
      json: (body: typeof answer.body) => (answer.body = body),
    };
    const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
    new HttpExceptionFilter(adapterHost, constraints).catch(error, host);
    return answer;
  }

  it('answers 4xx with a code for range, format and NUL-byte errors', async () => {
    expect(await answerTo('SELECT $1::int', ['99999999999'])).toMatchObject({
      status: 400,
      body: { error: { code: 'VALUE_OUT_OF_RANGE' } },
    });
    expect(await answerTo('SELECT $1::uuid', ['not-a-uuid'])).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_IDENTIFIER' } },
    });
    expect(await answerTo('SELECT $1::text', ['coop\u0000id'])).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_TEXT' } },
    });
  });

  it('answers a unique violation with the domain code of a known constraint and never its name', async () => {
    const eventId = randomUUID();
    const insert = `INSERT INTO outbox (event_id, type, envelope) VALUES ($1, 'x', '{}')`;
    await dataSource.query(insert, [eventId]);

    const unknown = await answerTo(insert, [eventId]);
    expect(unknown).toEqual({
      status: 409,
      body: { error: { code: 'ALREADY_EXISTS', message: 'A record with these values already exists', details: {} } },
    });

    const known = await answerTo(insert, [eventId], {
      outbox_event_id_key: { code: 'EVENT_REPEATED', message: 'This event was already recorded' },
    });
    expect(known).toEqual({
      status: 409,
      body: { error: { code: 'EVENT_REPEATED', message: 'This event was already recorded', details: {} } },
    });
    expect(JSON.stringify([unknown, known])).not.toMatch(/outbox|event_id|constraint/);
  });

  it('answers an unexpected database error with a generic 500 that names no table or SQL', async () => {
    const answer = await answerTo('SELECT no_such_column FROM cases', []);
    expect(answer).toEqual({
      status: 500,
      body: { error: { code: 'INTERNAL_ERROR', message: 'Internal server error', details: {} } },
    });
  });

  it('cancels a statement past the pool statement timeout and answers 503 QUERY_TIMEOUT', async () => {
    expect(await answerTo('SELECT pg_sleep(5)', [])).toMatchObject({
      status: 503,
      body: { error: { code: 'QUERY_TIMEOUT' } },
    });
    const [settings] = await dataSource.query(
      `SELECT current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle`,
    );
    expect(settings).toEqual({ statement: '300ms', idle: '4s' });
  });

  it('answers 503 DATABASE_BUSY when no connection is free within the connect timeout', async () => {
    const single = await new DataSource(
      dataSourceOptions(mentoringDatabase, database.url, {
        size: 1,
        connectTimeoutMs: 200,
        statementTimeoutMs: 0,
        idleInTransactionTimeoutMs: 0,
      }),
    ).initialize();
    const holder = single.createQueryRunner();
    try {
      await holder.connect();
      const waited = await single.query('SELECT 1').then(
        () => undefined,
        (failure: unknown) => failure,
      );
      const answer: { status?: number; body?: unknown } = {};
      const response = {
        status: (status: number) => ((answer.status = status), response),
        json: (body: unknown) => (answer.body = body),
      };
      const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
      new HttpExceptionFilter(adapterHost).catch(waited, host);
      expect(answer).toMatchObject({ status: 503, body: { error: { code: 'DATABASE_BUSY' } } });
    } finally {
      await holder.release();
      await single.destroy();
    }
  });

  it('pages the audit list in its order by an index, not by sorting the whole log', async () => {
    const plan = await dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      return manager.query('EXPLAIN SELECT * FROM audit_log ORDER BY at, id LIMIT 50 OFFSET 1000');
    });
    expect(JSON.stringify(plan)).toContain('audit_log_order_idx');
  });

  it('declares constraint meanings only for constraints the schemas have', async () => {
    const rows: { indexname: string }[] = await dataSource.query(
      `SELECT indexname FROM pg_indexes WHERE schemaname IN ('registry', 'mentoring', 'dissolution')`,
    );
    const names = rows.map((row) => row.indexname);
    for (const constraint of Object.keys({
      ...REGISTRY_CONSTRAINTS,
      ...MENTORING_CONSTRAINTS,
      ...DISSOLUTION_CONSTRAINTS,
    }))
      expect(names).toContain(constraint);
  });
});

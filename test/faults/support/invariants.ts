import { Queue } from 'bullmq';
import { Client } from 'pg';
import { INBOX_QUEUES, queueKeyPrefix, ROUTING, SERVICE_NAMES, type EventType } from '@koperasi/contracts';
import { redisConnectionFromUrl } from '@koperasi/platform';

/** Where the checker reads: the city's database (directly, not through a proxy) and its Redis prefix. */
export interface InvariantTarget {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
}

export interface CheckOptions {
  /** How long the system may take to settle before a violation counts. */
  settleMs?: number;
  /** A deadline may be this late before "pending past due" counts. */
  graceMs?: number;
}

/**
 * The invariants every scenario ends with. Each answers the violations it found (empty when it
 * holds), so a scenario asserts `toEqual([])` and a failure names what is wrong.
 */
const INVARIANTS: Record<string, (db: Client, target: InvariantTarget, graceMs: number) => Promise<string[]>> = {
  'every committed outbox row has one effect (or an open dead letter) per routed consumer': async (db) => {
    const missing: string[] = [];
    for (const producer of SERVICE_NAMES) {
      const rows = await db.query<{ event_id: string; type: EventType }>(
        `SELECT event_id, type FROM ${producer}.outbox`,
      );
      for (const consumer of SERVICE_NAMES) {
        const routed = rows.rows.filter((row) => (ROUTING[row.type] ?? []).includes(INBOX_QUEUES[consumer]));
        if (routed.length === 0) continue;
        const found = await db.query<{ event_id: string }>(
          `SELECT event_id FROM ${consumer}.processed_events WHERE consumer = $2 AND event_id = ANY($1::uuid[])
           UNION SELECT event_id FROM ${consumer}.dead_letters WHERE resolved_at IS NULL AND event_id = ANY($1::uuid[])`,
          [routed.map((row) => row.event_id), consumer],
        );
        const accounted = new Set(found.rows.map((row) => row.event_id));
        for (const row of routed) {
          if (!accounted.has(row.event_id))
            missing.push(`${producer} ${row.type} ${row.event_id} not applied by ${consumer}`);
        }
      }
    }
    return missing;
  },
  'no effect without its origin in an outbox': async (db) => {
    const orphans = await db.query<{ consumer: string; event_id: string; type: string }>(
      SERVICE_NAMES.map(
        (consumer) =>
          `SELECT '${consumer}' AS consumer, event_id, type FROM ${consumer}.processed_events p
           WHERE NOT EXISTS (${SERVICE_NAMES.map((producer) => `SELECT 1 FROM ${producer}.outbox o WHERE o.event_id = p.event_id`).join(' UNION ALL ')})`,
      ).join(' UNION ALL '),
    );
    return orphans.rows.map((row) => `${row.consumer} applied ${row.type} ${row.event_id} that no service published`);
  },
  'every failed job is on the dead-letter list': async (db, target) => {
    const problems: string[] = [];
    const connection = redisConnectionFromUrl(target.redisUrl);
    for (const consumer of SERVICE_NAMES) {
      const queue = new Queue(INBOX_QUEUES[consumer], {
        connection,
        prefix: queueKeyPrefix(target.prefix, INBOX_QUEUES[consumer]),
      });
      try {
        const failed = await queue.getFailed(0, 10_000);
        const ids = failed.map((job) => (job.data as { eventId?: string })?.eventId).filter(Boolean) as string[];
        const letters = await db.query<{ event_id: string }>(
          `SELECT event_id FROM ${consumer}.dead_letters WHERE event_id = ANY($1::uuid[])`,
          [ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id))],
        );
        const listed = new Set(letters.rows.map((row) => row.event_id));
        for (const job of failed) {
          const eventId = (job.data as { eventId?: string })?.eventId;
          const unsigned = await db.query(`SELECT 1 FROM ${consumer}.dead_letters WHERE payload = $1::jsonb LIMIT 1`, [
            JSON.stringify(job.data ?? null),
          ]);
          if (!(eventId && listed.has(eventId)) && unsigned.rowCount === 0) {
            problems.push(`${INBOX_QUEUES[consumer]} job ${job.id} failed (${job.failedReason}) without a dead letter`);
          }
        }
      } finally {
        await queue.close();
      }
    }
    return problems;
  },
  'no deadline pending past its due time plus the grace period': async (db, _target, graceMs) => {
    const late = await db.query<{ schema: string; kind: string; subject_id: string; due_at: Date }>(
      SERVICE_NAMES.map(
        (schema) =>
          `SELECT '${schema}' AS schema, kind, subject_id, due_at FROM ${schema}.deadlines
           WHERE state = 'PENDING' AND due_at < now() - make_interval(secs => ${graceMs / 1000})`,
      ).join(' UNION ALL '),
    );
    return late.rows.map((row) => `${row.schema} ${row.kind} of ${row.subject_id} due ${row.due_at.toISOString()}`);
  },
  "the read models agree with the registry on every cooperative's status": async (db) => {
    const readers = { mentoring: 'id', dissolution: 'cooperative_id' };
    const disagreements = await db.query<{ id: string; registry: string; reader: string; status: string | null }>(
      Object.entries(readers)
        .map(
          ([reader, key]) =>
            `SELECT r.id, r.status AS registry, '${reader}' AS reader, m.status FROM registry.cooperatives r
             LEFT JOIN ${reader}.cooperatives m ON m.${key} = r.id::text WHERE m.status IS DISTINCT FROM r.status`,
        )
        .join(' UNION ALL '),
    );
    return disagreements.rows.map(
      (row) => `${row.id}: registry ${row.registry}, ${row.reader} ${row.status ?? 'missing'}`,
    );
  },
};

/**
 * Polls until every invariant holds or the settle time is over; answers the violations left, one
 * "invariant: what" line each, except those in `known` (violations an earlier scenario of the same
 * city already reported, so one unfixed fault fails its own scenario and not every later one).
 */
export async function checkInvariants(
  target: InvariantTarget,
  options: CheckOptions = {},
  known: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const deadline = Date.now() + (options.settleMs ?? 60_000);
  const graceMs = options.graceMs ?? 30_000;
  const db = new Client({ connectionString: target.databaseUrl });
  await db.connect();
  try {
    for (;;) {
      const violations: string[] = [];
      for (const [name, check] of Object.entries(INVARIANTS)) {
        for (const found of await check(db, target, graceMs)) violations.push(`${name}: ${found}`);
      }
      const fresh = violations.filter((violation) => !known.has(violation));
      if (fresh.length === 0 || Date.now() > deadline) return fresh;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await db.end();
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { REACTIVATION_FAILURE_OUTCOMES } from '@koperasi/contracts';
import { ReadDatabase, SERVICE_CONFIG, unprocessable } from '@koperasi/platform';
import type { MentoringConfig } from '../config';
import { DAY_MS, officeMidnight } from '../cases/case-timers';
import type { ReactivationReportQuery } from './reactivation-report.query';

/** Longest period one report may cover. */
/** Five years: a longer period scans the whole history of the city. */
const MAX_PERIOD_DAYS = 1827;

export interface ReactivationReport {
  period: { from: string; to: string; kecamatan: string | null; officerId: string | null };
  becameInactive: number;
  reactivated: number;
  cases: {
    opened: number;
    openAtEnd: number;
    closedReactivated: number;
    closedFailed: number;
    closedDissolved: number;
    failedByOutcome: Record<string, number>;
  };
  dissolution: { entered: number; byCurrentStatus: Record<string, number> };
  daysInactiveToReactivated: { count: number; median: number | null; p90: number | null };
  /** Per officer: reactivation cases open and overdue now; closed in the period, how, and in how many days. */
  officers: {
    officerId: string;
    officerName: string | null;
    open: number;
    overdue: number;
    closed: number;
    reactivated: number;
    failed: number;
    medianDays: number | null;
  }[];
  /** Per kecamatan (the cooperative's current one). */
  kecamatan: {
    kecamatan: string;
    becameInactive: number;
    reactivated: number;
    casesOpened: number;
    closedReactivated: number;
    closedFailed: number;
    openAtEnd: number;
  }[];
  months: {
    month: string;
    becameInactive: number;
    reactivated: number;
    casesOpened: number;
    closedReactivated: number;
    closedFailed: number;
    enteredDissolution: number;
  }[];
}

/**
 * What a manager asks every month about reactivation. Status figures come from our own history
 * of the registry's status-changed events (so they agree with the registry for the same period);
 * case figures from the cases; "where they stand" from the read model's current status.
 * $1 period start, $2 period end (exclusive), $3 kecamatan, $4 officer, $5 office offset in minutes.
 */
const IN_SCOPE = (cooperativeId: string) => `
  ($3::varchar IS NULL OR EXISTS (SELECT 1 FROM cooperatives sk WHERE sk.id = ${cooperativeId} AND sk.kecamatan = $3))
  AND ($4::varchar IS NULL OR EXISTS (SELECT 1 FROM cases so WHERE so.cooperative_id = ${cooperativeId} AND so.type = 'REACTIVATION' AND so.assignee_id = $4))`;
const MONTH = (column: string) => `to_char(${column} + make_interval(mins => $5::int), 'YYYY-MM')`;
const IN_PERIOD = (column: string) => `${column} >= $1 AND ${column} < $2`;
const FAILURES = `(${REACTIVATION_FAILURE_OUTCOMES.map((code) => `'${code}'`).join(', ')})`;

@Injectable()
export class ReactivationReportService {
  constructor(
    private readonly reads: ReadDatabase,
    @Inject(SERVICE_CONFIG) private readonly config: MentoringConfig,
  ) {}

  async build(query: ReactivationReportQuery): Promise<ReactivationReport> {
    const offset = this.config.OFFICE_UTC_OFFSET_HOURS;
    const start = officeMidnight(query.from, offset);
    const end = new Date(officeMidnight(query.to, offset).getTime() + DAY_MS);
    const days = (end.getTime() - start.getTime()) / DAY_MS;
    if (days < 1 || days > MAX_PERIOD_DAYS) {
      throw unprocessable(
        'REPORT_PERIOD_INVALID',
        `The period must run forwards and cover at most ${MAX_PERIOD_DAYS} days`,
        { from: query.from, to: query.to },
      );
    }
    const params = [start, end, query.kecamatan ?? null, query.officerId ?? null, Math.round(offset * 60)];
    const run = (sql: string) => this.reads.dataSource.query(...onlyUsedParameters(sql, params));

    const [transitions, cases, failed, dissolution, durations, officers, months, areaStatus, areaCases] =
      await Promise.all([
        run(`SELECT count(*) FILTER (WHERE t.to_status = 'INACTIVE')::int AS "becameInactive",
                  count(*) FILTER (WHERE t.to_status = 'ACTIVE' AND t.from_status = 'INACTIVE')::int AS reactivated
           FROM cooperative_status_transitions t WHERE ${IN_PERIOD('t.changed_at')} AND ${IN_SCOPE('t.cooperative_id')}`),
        run(`SELECT count(*) FILTER (WHERE ${IN_PERIOD('c.opened_at')})::int AS opened,
                  count(*) FILTER (WHERE c.opened_at < $2 AND (c.closed_at IS NULL OR c.closed_at >= $2))::int AS "openAtEnd",
                  count(*) FILTER (WHERE c.outcome = 'REACTIVATED' AND ${IN_PERIOD('c.closed_at')})::int AS "closedReactivated",
                  count(*) FILTER (WHERE c.outcome IN ${FAILURES} AND ${IN_PERIOD('c.closed_at')})::int AS "closedFailed",
                  count(*) FILTER (WHERE c.outcome = 'DISSOLVED' AND ${IN_PERIOD('c.closed_at')})::int AS "closedDissolved"
           FROM cases c WHERE c.type = 'REACTIVATION' AND c.opened_at < $2 AND ($4::varchar IS NULL OR c.assignee_id = $4) AND ${IN_SCOPE('c.cooperative_id')}`),
        run(`SELECT c.outcome, count(*)::int AS n FROM cases c
           WHERE c.type = 'REACTIVATION' AND c.outcome IN ${FAILURES} AND ${IN_PERIOD('c.closed_at')}
             AND ($4::varchar IS NULL OR c.assignee_id = $4) AND ${IN_SCOPE('c.cooperative_id')}
           GROUP BY c.outcome`),
        run(`SELECT coalesce(co.status, 'UNKNOWN') AS status, count(DISTINCT t.cooperative_id)::int AS n
           FROM cooperative_status_transitions t LEFT JOIN cooperatives co ON co.id = t.cooperative_id
           WHERE t.to_status = 'IN_DISSOLUTION' AND ${IN_PERIOD('t.changed_at')} AND ${IN_SCOPE('t.cooperative_id')}
           GROUP BY 1`),
        run(`SELECT count(*)::int AS count,
                  round((percentile_cont(0.5) WITHIN GROUP (ORDER BY days))::numeric, 1)::float AS median,
                  round((percentile_cont(0.9) WITHIN GROUP (ORDER BY days))::numeric, 1)::float AS p90
           FROM (SELECT extract(epoch FROM a.changed_at - (
                          SELECT max(i.changed_at) FROM cooperative_status_transitions i
                          WHERE i.cooperative_id = a.cooperative_id AND i.to_status = 'INACTIVE' AND i.changed_at <= a.changed_at)) / 86400 AS days
                 FROM cooperative_status_transitions a
                 WHERE a.to_status = 'ACTIVE' AND a.from_status = 'INACTIVE' AND ${IN_PERIOD('a.changed_at')} AND ${IN_SCOPE('a.cooperative_id')}) d
           WHERE days IS NOT NULL`),
        run(`SELECT c.assignee_id AS "officerId", coalesce(max(u.full_name), max(c.assignee_name)) AS "officerName",
                  count(*) FILTER (WHERE c.status <> 'CLOSED')::int AS open,
                  count(*) FILTER (WHERE c.status <> 'CLOSED' AND c.due_at < now())::int AS overdue,
                  count(*) FILTER (WHERE ${IN_PERIOD('c.closed_at')})::int AS closed,
                  count(*) FILTER (WHERE c.outcome = 'REACTIVATED' AND ${IN_PERIOD('c.closed_at')})::int AS reactivated,
                  count(*) FILTER (WHERE c.outcome IN ${FAILURES} AND ${IN_PERIOD('c.closed_at')})::int AS failed,
                  round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.closed_at - c.opened_at) / 86400)
                    FILTER (WHERE ${IN_PERIOD('c.closed_at')}))::numeric, 1)::float AS "medianDays"
           FROM cases c LEFT JOIN users u ON u.id = c.assignee_id
           WHERE c.type = 'REACTIVATION' AND c.assignee_id IS NOT NULL
             AND (c.status <> 'CLOSED' OR ${IN_PERIOD('c.closed_at')})
             AND ($4::varchar IS NULL OR c.assignee_id = $4) AND ${IN_SCOPE('c.cooperative_id')}
           GROUP BY c.assignee_id ORDER BY closed DESC, open DESC, c.assignee_id`),
        run(`WITH months AS (
             SELECT to_char(m, 'YYYY-MM') AS month FROM generate_series(
               date_trunc('month', $1::timestamptz + make_interval(mins => $5::int)),
               date_trunc('month', $2::timestamptz - interval '1 second' + make_interval(mins => $5::int)),
               interval '1 month') m),
           t AS (SELECT ${MONTH('t.changed_at')} AS month,
                        count(*) FILTER (WHERE t.to_status = 'INACTIVE') AS inactive,
                        count(*) FILTER (WHERE t.to_status = 'ACTIVE' AND t.from_status = 'INACTIVE') AS reactivated,
                        count(*) FILTER (WHERE t.to_status = 'IN_DISSOLUTION') AS dissolution
                 FROM cooperative_status_transitions t WHERE ${IN_PERIOD('t.changed_at')} AND ${IN_SCOPE('t.cooperative_id')} GROUP BY 1),
           o AS (SELECT ${MONTH('c.opened_at')} AS month, count(*) AS n FROM cases c
                 WHERE c.type = 'REACTIVATION' AND ${IN_PERIOD('c.opened_at')} AND ($4::varchar IS NULL OR c.assignee_id = $4) AND ${IN_SCOPE('c.cooperative_id')} GROUP BY 1),
           x AS (SELECT ${MONTH('c.closed_at')} AS month,
                        count(*) FILTER (WHERE c.outcome = 'REACTIVATED') AS reactivated,
                        count(*) FILTER (WHERE c.outcome IN ${FAILURES}) AS failed
                 FROM cases c WHERE c.type = 'REACTIVATION' AND ${IN_PERIOD('c.closed_at')} AND ($4::varchar IS NULL OR c.assignee_id = $4) AND ${IN_SCOPE('c.cooperative_id')} GROUP BY 1)
           SELECT months.month, coalesce(t.inactive, 0)::int AS "becameInactive", coalesce(t.reactivated, 0)::int AS reactivated,
                  coalesce(o.n, 0)::int AS "casesOpened", coalesce(x.reactivated, 0)::int AS "closedReactivated",
                  coalesce(x.failed, 0)::int AS "closedFailed", coalesce(t.dissolution, 0)::int AS "enteredDissolution"
           FROM months LEFT JOIN t USING (month) LEFT JOIN o USING (month) LEFT JOIN x USING (month) ORDER BY months.month`),
        run(`SELECT coalesce(co.kecamatan, '') AS kecamatan,
                  count(*) FILTER (WHERE t.to_status = 'INACTIVE')::int AS "becameInactive",
                  count(*) FILTER (WHERE t.to_status = 'ACTIVE' AND t.from_status = 'INACTIVE')::int AS reactivated
           FROM cooperative_status_transitions t LEFT JOIN cooperatives co ON co.id = t.cooperative_id
           WHERE ${IN_PERIOD('t.changed_at')} AND ${IN_SCOPE('t.cooperative_id')} GROUP BY 1`),
        run(`SELECT coalesce(co.kecamatan, '') AS kecamatan,
                  count(*) FILTER (WHERE ${IN_PERIOD('c.opened_at')})::int AS "casesOpened",
                  count(*) FILTER (WHERE c.outcome = 'REACTIVATED' AND ${IN_PERIOD('c.closed_at')})::int AS "closedReactivated",
                  count(*) FILTER (WHERE c.outcome IN ${FAILURES} AND ${IN_PERIOD('c.closed_at')})::int AS "closedFailed",
                  count(*) FILTER (WHERE c.closed_at IS NULL OR c.closed_at >= $2)::int AS "openAtEnd"
           FROM cases c LEFT JOIN cooperatives co ON co.id = c.cooperative_id
           WHERE c.type = 'REACTIVATION' AND c.opened_at < $2 AND ($4::varchar IS NULL OR c.assignee_id = $4) AND ${IN_SCOPE('c.cooperative_id')}
           GROUP BY 1`),
      ]);

    const byCurrentStatus = Object.fromEntries(
      dissolution.map((row: { status: string; n: number }) => [row.status, row.n]),
    );
    return {
      period: {
        from: query.from,
        to: query.to,
        kecamatan: query.kecamatan ?? null,
        officerId: query.officerId ?? null,
      },
      ...transitions[0],
      cases: {
        ...cases[0],
        failedByOutcome: Object.fromEntries(
          REACTIVATION_FAILURE_OUTCOMES.map((code) => [
            code,
            failed.find((row: { outcome: string }) => row.outcome === code)?.n ?? 0,
          ]),
        ),
      },
      dissolution: {
        entered: Object.values(byCurrentStatus).reduce((sum: number, n) => sum + (n as number), 0),
        byCurrentStatus,
      },
      daysInactiveToReactivated: durations[0],
      officers,
      kecamatan: byKecamatan(areaStatus, areaCases),
      months,
    };
  }
}

type AreaRow = ReactivationReport['kecamatan'][number];

/** One row per kecamatan that has any figure, zeros filled in, by name. */
function byKecamatan(status: Partial<AreaRow>[], cases: Partial<AreaRow>[]): AreaRow[] {
  const zero = {
    becameInactive: 0,
    reactivated: 0,
    casesOpened: 0,
    closedReactivated: 0,
    closedFailed: 0,
    openAtEnd: 0,
  };
  const rows = new Map<string, AreaRow>();
  for (const row of [...status, ...cases]) {
    const key = row.kecamatan ?? '';
    rows.set(key, { ...zero, ...rows.get(key), ...row, kecamatan: key });
  }
  return [...rows.values()]
    .filter((row) => Object.entries(row).some(([name, value]) => name !== 'kecamatan' && value !== 0))
    .sort((a, b) => a.kecamatan.localeCompare(b.kecamatan));
}

/** PostgreSQL cannot type a parameter a statement never uses: pass each statement only its own, renumbered. */
function onlyUsedParameters(sql: string, params: unknown[]): [string, unknown[]] {
  const used = [...new Set([...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])))].sort((a, b) => a - b);
  const renumbered = sql.replace(/\$(\d+)/g, (_, n: string) => `$${used.indexOf(Number(n)) + 1}`);
  return [renumbered, used.map((n) => params[n - 1])];
}

import { Inject, Injectable } from '@nestjs/common';
import { COOPERATIVE_STATUSES, type CooperativeStatus } from '@koperasi/contracts';
import { badRequest, ReadDatabase, SERVICE_CONFIG } from '@koperasi/platform';
import type { RegistryConfig } from '../config';
import { kecamatanAsConfigured } from '../areas/kecamatan-filter';
import { addDays, assertNotInFuture, officeDate } from '../common/dates';
import type { GroupCounts, StatisticsView, StatusCounts, TransitionsView } from './statistics.dto';

/** Five years, as the mentoring report: a longer period scans the history of the whole city. */
const MAX_PERIOD_DAYS = 1827;

interface GroupRow {
  kecamatan: string;
  type: string;
  status: CooperativeStatus;
  n: number;
}

const CURRENT_GROUPS = `SELECT kecamatan, type, status, count(*)::int AS n FROM cooperatives GROUP BY 1, 2, 3`;

/** Each cooperative's status in effect on the day, from the history's effective dates (registration included). */
const GROUPS_AS_OF = `
  WITH last AS (
    SELECT DISTINCT ON (h.cooperative_id) h.cooperative_id, h.to_status
    FROM status_history h WHERE h.effective_on <= $1
    ORDER BY h.cooperative_id, h.effective_on DESC, h.at DESC, h.id DESC
  )
  SELECT c.kecamatan, c.type, last.to_status AS status, count(*)::int AS n
  FROM last JOIN cooperatives c ON c.id = last.cooperative_id GROUP BY 1, 2, 3`;

const RATS_BY_YEAR = `
  SELECT fiscal_year AS "fiscalYear", count(*)::int AS count, (count(*) FILTER (WHERE late))::int AS late
  FROM rats WHERE ($1::date IS NULL OR reported_date <= $1) GROUP BY 1 ORDER BY 1`;

/** By the day each change took effect (the decree date of a dissolution...), as the "as of" statistics. */
const TRANSITIONS = `
  SELECT h.from_status AS "from", h.to_status AS "to", count(*)::int AS count
  FROM status_history h JOIN cooperatives c ON c.id = h.cooperative_id
  WHERE h.effective_on >= $1::date AND h.effective_on <= $2::date AND ($3::text IS NULL OR c.kecamatan = ${kecamatanAsConfigured('$3')})
  GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2`;

const zeroCounts = (): StatusCounts => Object.fromEntries(COOPERATIVE_STATUSES.map((s) => [s, 0])) as StatusCounts;

@Injectable()
export class StatisticsService {
  constructor(
    private readonly reads: ReadDatabase,
    @Inject(SERVICE_CONFIG) private readonly config: RegistryConfig,
  ) {}

  private get offset(): number {
    return this.config.OFFICE_UTC_OFFSET_MINUTES;
  }

  async overview(asOf?: string): Promise<StatisticsView> {
    if (asOf) assertNotInFuture({ asOf }, officeDate(new Date(), this.offset));
    const rows: GroupRow[] = asOf
      ? await this.reads.dataSource.query(GROUPS_AS_OF, [asOf])
      : await this.reads.dataSource.query(CURRENT_GROUPS);
    const byStatus = zeroCounts();
    for (const row of rows) byStatus[row.status] += row.n;
    return {
      asOf: asOf ?? null,
      total: rows.reduce((sum, row) => sum + row.n, 0),
      byStatus,
      byKecamatan: group(rows, (row) => row.kecamatan),
      byType: group(rows, (row) => row.type),
      ratsByFiscalYear: await this.reads.dataSource.query(RATS_BY_YEAR, [asOf ?? null]),
    };
  }

  /**
   * Status changes that took effect in a period of office days, both ends inclusive; a registration
   * counts on its legal-entity date, a dissolution on its decree date, a revocation on its gazette date.
   */
  async transitions(from: string, to: string, kecamatan?: string): Promise<TransitionsView> {
    if (from > to) throw badRequest('INVALID_PERIOD', 'The period ends before it starts', { from, to });
    if (addDays(from, MAX_PERIOD_DAYS) <= to)
      throw badRequest('INVALID_PERIOD', `The period covers at most ${MAX_PERIOD_DAYS} days`, { from, to });
    const rows: { from: CooperativeStatus | null; to: CooperativeStatus; count: number }[] =
      await this.reads.dataSource.query(TRANSITIONS, [from, to, kecamatan ?? null]);
    const into = zeroCounts();
    const transitions = rows.filter(
      (row): row is { from: CooperativeStatus; to: CooperativeStatus; count: number } => row.from !== null,
    );
    for (const row of transitions) into[row.to] += row.count;
    return {
      from,
      to,
      kecamatan: kecamatan ?? null,
      utcOffsetMinutes: this.offset,
      into,
      transitions,
      registered: rows.filter((row) => row.from === null).reduce((sum, row) => sum + row.count, 0),
    };
  }
}

function group(rows: GroupRow[], keyOf: (row: GroupRow) => string): GroupCounts[] {
  const groups = new Map<string, GroupCounts>();
  for (const row of rows) {
    const key = keyOf(row);
    const entry = groups.get(key) ?? { key, total: 0, byStatus: zeroCounts() };
    entry.total += row.n;
    entry.byStatus[row.status] += row.n;
    groups.set(key, entry);
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}

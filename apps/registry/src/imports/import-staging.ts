import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type Tx } from '@koperasi/platform';
import { CsvError } from 'csv-parse';
import { checkArea, type AreaMap } from '../areas/area-rule';
import { CityAreas } from '../areas/city-areas.service';
import type { RegistryConfig } from '../config';
import {
  COOPERATIVE_COLUMNS,
  RAT_COLUMNS,
  RatRowDto,
  RegisterCooperativeDto,
  checkHeaders,
  convertRow,
  type RowError,
} from './csv-columns';
import { openCsv, type CsvFile } from './csv-format';
import type { ImportKind } from './import-run.entity';
import { fileUnreadable, tooManyRows } from './imports.errors';
import { COOPERATIVE_SET_CHECKS, RAT_SET_CHECKS } from './import-set-checks';

/** Problems listed in an answer or on the import; the count says how many there were in all. */
export const MAX_LISTED_PROBLEMS = 1_000;
/** Rows sent to PostgreSQL per statement while the file streams in. */
const STAGING_BATCH = 1_000;

export interface StagedFile {
  rowsInFile: number;
  validRows: number;
  /** Problems in all, and the first `MAX_LISTED_PROBLEMS` of them in row order. */
  problemCount: number;
  problems: RowError[];
}

interface StagedRow {
  line: number;
  value: Record<string, unknown> | null;
  errors: RowError[] | null;
}

const KINDS = {
  COOPERATIVES: { columns: COOPERATIVE_COLUMNS, dto: RegisterCooperativeDto, setChecks: COOPERATIVE_SET_CHECKS },
  RATS: { columns: RAT_COLUMNS, dto: RatRowDto, setChecks: RAT_SET_CHECKS },
} as const;

/**
 * Streams an uploaded file into `import_rows` inside the caller's transaction: each row converted
 * and checked on its own as it arrives, then all rows checked together in SQL (duplicates in the
 * file and against the registry). Memory stays bounded whatever the file's size.
 */
@Injectable()
export class ImportStaging {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: RegistryConfig,
    private readonly areas: CityAreas,
  ) {}

  async stage(tx: Tx, kind: ImportKind, importId: string, path: string, today: string): Promise<StagedFile> {
    const { columns, dto, setChecks } = KINDS[kind];
    const csv = await this.open(path);
    const headerErrors = checkHeaders(columns, csv.headers);
    if (headerErrors.length > 0) {
      await csv.rows.return(undefined);
      throw fileUnreadable(headerErrors);
    }
    const areas = kind === 'COOPERATIVES' ? await this.areas.load(tx.manager) : null;
    let rowsInFile = 0;
    let batch: StagedRow[] = [];
    try {
      for await (const { line, values } of csv.rows) {
        rowsInFile += 1;
        if (rowsInFile > this.config.IMPORT_MAX_ROWS) throw tooManyRows(this.config.IMPORT_MAX_ROWS);
        const converted = convertRow<object>(columns, dto, line, values);
        const value = converted.value ? ({ ...converted.value } as Record<string, unknown>) : null;
        const errors = value ? rowRules(kind, line, value, today, areas) : converted.errors;
        batch.push({ line, value, errors: errors.length > 0 ? errors : null });
        if (batch.length === STAGING_BATCH) {
          await insert(tx, importId, batch);
          batch = [];
        }
      }
    } catch (error) {
      if (error instanceof CsvError)
        throw fileUnreadable([{ row: rowsInFile + 2, column: null, message: error.message }]);
      throw error;
    }
    await insert(tx, importId, batch);
    for (const check of setChecks) await tx.manager.query(check, [importId]);
    return { rowsInFile, ...(await summary(tx, importId)) };
  }

  private async open(path: string): Promise<CsvFile> {
    try {
      return await openCsv(path);
    } catch (error) {
      if (error instanceof CsvError) throw fileUnreadable([{ row: 1, column: null, message: error.message }]);
      throw error;
    }
  }
}

/** One statement per batch whatever its size: three array parameters, not one per value. */
async function insert(tx: Tx, importId: string, rows: StagedRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.manager.query(
    `INSERT INTO import_rows (import_id, line, value, errors)
     SELECT $1, * FROM unnest($2::int[], $3::jsonb[], $4::jsonb[])`,
    [
      importId,
      rows.map((row) => row.line),
      rows.map((row) => (row.value ? JSON.stringify(row.value) : null)),
      rows.map((row) => (row.errors ? JSON.stringify(row.errors) : null)),
    ],
  );
}

async function summary(tx: Tx, importId: string): Promise<Omit<StagedFile, 'rowsInFile'>> {
  const [counts] = await tx.manager.query(
    `SELECT count(*) FILTER (WHERE errors IS NULL)::int AS "validRows",
            coalesce(sum(jsonb_array_length(errors)), 0)::int AS "problemCount"
     FROM import_rows WHERE import_id = $1`,
    [importId],
  );
  const listed: { problem: RowError }[] = await tx.manager.query(
    `SELECT problem.value AS problem
     FROM import_rows r, jsonb_array_elements(r.errors) WITH ORDINALITY AS problem
     WHERE r.import_id = $1 AND r.errors IS NOT NULL
     ORDER BY r.line, problem.ordinality LIMIT $2`,
    [importId, MAX_LISTED_PROBLEMS],
  );
  return { ...counts, problems: listed.map((row) => row.problem) };
}

/** Rules one row can break on its own. */
function rowRules(
  kind: ImportKind,
  line: number,
  value: Record<string, unknown>,
  today: string,
  areas: AreaMap | null,
): RowError[] {
  const errors: RowError[] = [];
  const problem = (column: string, message: string) => errors.push({ row: line, column, message });
  if (kind === 'COOPERATIVES') {
    const area = checkArea(areas!, value.kecamatan as string, value.kelurahan as string);
    // Stored as the reference data spells them, whatever case the file used.
    if (area.ok) Object.assign(value, { kecamatan: area.kecamatan, kelurahan: area.kelurahan });
    else problem(area.field, area.message);
    for (const field of ['legalEntityDate', 'articlesAmendmentDate'] as const) {
      if (typeof value[field] === 'string' && (value[field] as string) > today) problem(field, 'date is in the future');
    }
    if (value.articlesAmendmentDate && (value.articlesAmendmentDate as string) < (value.legalEntityDate as string))
      problem('articlesAmendmentDate', 'before the legal-entity date');
    return errors;
  }
  const v = value as unknown as RatRowDto;
  if (v.meetingDate > today) problem('meetingDate', 'date is in the future');
  if (v.reportedDate > today) problem('reportedDate', 'date is in the future');
  if (v.meetingDate < `${v.fiscalYear + 1}-01-01`) problem('meetingDate', `before fiscal year ${v.fiscalYear} ended`);
  if (v.reportedDate < v.meetingDate) problem('reportedDate', 'before the meeting date');
  if (v.membersPresent > v.membersTotal) problem('membersPresent', 'more than membersTotal');
  return errors;
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { checkArea } from '../areas/area-rule';
import { CityAreas } from '../areas/city-areas.service';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { isBeforeLegalEntity } from '../rats/rat-deadline';
import { Rat } from '../rats/rat.entity';
import { In } from 'typeorm';
import {
  COOPERATIVE_COLUMNS,
  RAT_COLUMNS,
  RatRowDto,
  RegisterCooperativeDto,
  checkHeaders,
  convertRow,
  type CsvColumn,
  type RowError,
} from './csv-columns';
import { readCsv } from './csv-format';
import type { ImportKind } from './import-run.entity';

export interface ValidatedFile {
  headerErrors: RowError[];
  errors: RowError[];
  rows: { line: number; value: Record<string, unknown> }[];
  rowsInFile: number;
}

/** Validates a whole file before anything is written: types, API rules, duplicates in the file and against the registry. */
@Injectable()
export class ImportValidation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly areas: CityAreas,
  ) {}

  async validate(kind: ImportKind, content: string, today: string): Promise<ValidatedFile> {
    let table;
    try {
      table = readCsv(content);
    } catch (error) {
      return {
        headerErrors: [{ row: 1, column: null, message: (error as Error).message }],
        errors: [],
        rows: [],
        rowsInFile: 0,
      };
    }
    const columns: CsvColumn[] = kind === 'COOPERATIVES' ? COOPERATIVE_COLUMNS : RAT_COLUMNS;
    const headerErrors = checkHeaders(columns, table.headers);
    if (headerErrors.length > 0) return { headerErrors, errors: [], rows: [], rowsInFile: table.rows.length };
    const dto = kind === 'COOPERATIVES' ? RegisterCooperativeDto : RatRowDto;
    const errors: RowError[] = [];
    const converted: { line: number; value: Record<string, unknown> }[] = [];
    for (const { line, values } of table.rows) {
      const result = convertRow<object>(columns, dto, line, values);
      errors.push(...result.errors);
      if (result.value) converted.push({ line, value: { ...result.value } as Record<string, unknown> });
    }
    const ruleErrors =
      kind === 'COOPERATIVES' ? await this.cooperativeRules(converted, today) : await this.ratRules(converted, today);
    errors.push(...ruleErrors);
    const bad = new Set(errors.map((e) => e.row));
    errors.sort((a, b) => a.row - b.row);
    return {
      headerErrors: [],
      errors,
      rows: converted.filter((row) => !bad.has(row.line)),
      rowsInFile: table.rows.length,
    };
  }

  private async cooperativeRules(
    rows: { line: number; value: Record<string, unknown> }[],
    today: string,
  ): Promise<RowError[]> {
    const errors: RowError[] = [];
    const seen = { legalEntityNumber: new Map<string, number>(), nik: new Map<string, number>() };
    const taken = {
      legalEntityNumber: await this.existing(
        'legalEntityNumber',
        rows.map((r) => r.value.legalEntityNumber as string),
      ),
      nik: await this.existing('nik', rows.map((r) => r.value.nik as string).filter(Boolean)),
    };
    const areas = await this.areas.load();
    for (const { line, value } of rows) {
      const area = checkArea(areas, value.kecamatan as string, value.kelurahan as string);
      if (area.ok) Object.assign(value, { kecamatan: area.kecamatan, kelurahan: area.kelurahan });
      else errors.push({ row: line, column: area.field, message: area.message });
      for (const field of ['legalEntityDate', 'articlesAmendmentDate'] as const) {
        if (typeof value[field] === 'string' && (value[field] as string) > today)
          errors.push({ row: line, column: field, message: 'date is in the future' });
      }
      if (value.articlesAmendmentDate && (value.articlesAmendmentDate as string) < (value.legalEntityDate as string)) {
        errors.push({ row: line, column: 'articlesAmendmentDate', message: 'before the legal-entity date' });
      }
      for (const field of ['legalEntityNumber', 'nik'] as const) {
        const key = value[field] as string | undefined;
        if (!key) continue;
        if (taken[field].has(key)) errors.push({ row: line, column: field, message: `${key} is already registered` });
        else if (seen[field].has(key))
          errors.push({ row: line, column: field, message: `${key} repeats row ${seen[field].get(key)}` });
        else seen[field].set(key, line);
      }
    }
    return errors;
  }

  private async ratRules(rows: { line: number; value: Record<string, unknown> }[], today: string): Promise<RowError[]> {
    const errors: RowError[] = [];
    const numbers = [...new Set(rows.map((r) => r.value.legalEntityNumber as string))];
    const cooperatives =
      numbers.length === 0
        ? []
        : await this.dataSource.getRepository(Cooperative).find({
            select: { id: true, legalEntityNumber: true, legalEntityDate: true, status: true },
            where: { legalEntityNumber: In(numbers) },
          });
    const byNumber = new Map(cooperatives.map((c) => [c.legalEntityNumber, c]));
    const recorded =
      cooperatives.length === 0
        ? []
        : await this.dataSource.getRepository(Rat).find({
            select: { cooperativeId: true, fiscalYear: true },
            where: { cooperativeId: In(cooperatives.map((c) => c.id)) },
          });
    const taken = new Set(recorded.map((r) => `${r.cooperativeId}/${r.fiscalYear}`));
    const seen = new Map<string, number>();
    for (const { line, value } of rows) {
      const v = value as unknown as RatRowDto;
      const cooperative = byNumber.get(v.legalEntityNumber);
      if (!cooperative)
        errors.push({
          row: line,
          column: 'legalEntityNumber',
          message: `no cooperative with legal-entity number ${v.legalEntityNumber}`,
        });
      else if (cooperative.status === 'DISSOLVED' || cooperative.status === 'LEGAL_ENTITY_REVOKED')
        errors.push({ row: line, column: 'legalEntityNumber', message: `the cooperative is ${cooperative.status}` });
      else if (isBeforeLegalEntity(v.fiscalYear, cooperative.legalEntityDate))
        errors.push({
          row: line,
          column: 'fiscalYear',
          message: `before the cooperative became a legal entity (${cooperative.legalEntityDate})`,
        });
      else if (taken.has(`${cooperative.id}/${v.fiscalYear}`))
        errors.push({ row: line, column: 'fiscalYear', message: `a RAT for ${v.fiscalYear} is already recorded` });
      const key = `${v.legalEntityNumber}/${v.fiscalYear}`;
      if (seen.has(key)) errors.push({ row: line, column: 'fiscalYear', message: `repeats row ${seen.get(key)}` });
      else seen.set(key, line);
      if (v.meetingDate > today) errors.push({ row: line, column: 'meetingDate', message: 'date is in the future' });
      if (v.reportedDate > today) errors.push({ row: line, column: 'reportedDate', message: 'date is in the future' });
      if (v.meetingDate < `${v.fiscalYear + 1}-01-01`)
        errors.push({ row: line, column: 'meetingDate', message: `before fiscal year ${v.fiscalYear} ended` });
      if (v.reportedDate < v.meetingDate)
        errors.push({ row: line, column: 'reportedDate', message: 'before the meeting date' });
      if (v.membersPresent > v.membersTotal)
        errors.push({ row: line, column: 'membersPresent', message: 'more than membersTotal' });
    }
    return errors;
  }

  private async existing(field: 'legalEntityNumber' | 'nik', values: string[]): Promise<Set<string>> {
    if (values.length === 0) return new Set();
    const found = await this.dataSource
      .getRepository(Cooperative)
      .find({ select: { [field]: true }, where: { [field]: In(values) } });
    return new Set(found.map((c) => c[field] as string));
  }
}

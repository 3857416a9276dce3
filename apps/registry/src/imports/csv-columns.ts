import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { IsString, Length, validateSync, type ValidationError } from 'class-validator';
import { RegisterCooperativeDto } from '../cooperatives/dto/cooperative-fields.dto';
import { RecordRatDto } from '../rats/dto/record-rat.dto';
import { parseBoolean, parseDate, parseNumber } from './csv-format';

type Kind = 'text' | 'date' | 'integer' | 'number' | 'boolean';

export interface CsvColumn {
  /** The header in the file. */
  header: string;
  /** The field it fills. */
  field: string;
  kind: Kind;
  required?: boolean;
}

export interface RowError {
  row: number;
  column: string | null;
  message: string;
}

const col = (header: string, kind: Kind = 'text', required = false, field = header): CsvColumn => ({
  header,
  field,
  kind,
  required,
});

/** Columns of a cooperatives file, in export order; `status` is ACTIVE or INACTIVE (default ACTIVE). */
export const COOPERATIVE_COLUMNS: CsvColumn[] = [
  col('name', 'text', true),
  col('legalEntityNumber', 'text', true),
  col('legalEntityDate', 'date', true),
  col('articlesAmendmentNumber'),
  col('articlesAmendmentDate', 'date'),
  col('nik'),
  col('nikCertificateStatus'),
  col('nikCertificateExpiresOn', 'date'),
  col('form'),
  col('type', 'text', true),
  col('group'),
  col('scheme'),
  col('businessSectorCode'),
  col('street'),
  col('kelurahan', 'text', true),
  col('kecamatan', 'text', true),
  col('city'),
  col('province'),
  col('phone'),
  col('email'),
  col('chair'),
  col('secretary'),
  col('treasurer'),
  col('supervisoryBoard'),
  col('manager'),
  col('membersMale', 'integer'),
  col('membersFemale', 'integer'),
  col('employees', 'integer'),
  col('status', 'text', false, 'initialStatus'),
];

/** Columns of a RAT history file; the cooperative is named by its legal-entity number. */
export const RAT_COLUMNS: CsvColumn[] = [
  col('legalEntityNumber', 'text', true),
  col('fiscalYear', 'integer', true),
  col('meetingDate', 'date', true),
  col('reportedDate', 'date', true),
  col('membersPresent', 'integer', true),
  col('membersTotal', 'integer', true),
  col('accountabilityReportReceived', 'boolean'),
  col('financialStatementsReceived', 'boolean'),
  col('workPlanReceived', 'boolean'),
  col('ownCapital', 'number'),
  col('outsideCapital', 'number'),
  col('assets', 'number'),
  col('businessVolume', 'number'),
  col('surplus', 'number'),
];

/** Header problems make the whole file unreadable. */
export function checkHeaders(columns: CsvColumn[], headers: string[]): RowError[] {
  const known = columns.map((c) => c.header);
  return [
    ...columns
      .filter((c) => c.required && !headers.includes(c.header))
      .map((c) => ({ row: 1, column: c.header, message: 'required column is missing' })),
    ...headers
      .filter((h) => !known.includes(h))
      .map((h) => ({ row: 1, column: h, message: `unknown column; expected some of: ${known.join(', ')}` })),
  ];
}

/** Converts one row's texts to typed values and validates them with the API's own DTO rules. */
export function convertRow<T extends object>(
  columns: CsvColumn[],
  dto: ClassConstructor<T>,
  line: number,
  values: Record<string, string>,
): { value?: T; errors: RowError[] } {
  const errors: RowError[] = [];
  const plain: Record<string, unknown> = {};
  for (const column of columns) {
    const text = values[column.header]?.trim() ?? '';
    if (text === '') continue;
    if (text.includes('\u0000')) {
      errors.push({ row: line, column: column.header, message: 'contains a NUL character' });
      continue;
    }
    const converted = convert(column.kind, text);
    if (converted === null)
      errors.push({ row: line, column: column.header, message: `"${text}" is not a valid ${column.kind}` });
    else plain[column.field] = converted;
  }
  const instance = plainToInstance(dto, plain);
  const problems = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  const headerOf = (field: string) => columns.find((c) => c.field === field)?.header ?? field;
  for (const problem of flatten(problems)) {
    if (!errors.some((e) => e.column === headerOf(problem.property))) {
      errors.push({
        row: line,
        column: headerOf(problem.property),
        message: Object.values(problem.constraints ?? {}).join('; '),
      });
    }
  }
  return errors.length > 0 ? { errors } : { value: instance, errors };
}

function flatten(errors: ValidationError[]): ValidationError[] {
  return errors.flatMap((error) => [...(error.constraints ? [error] : []), ...flatten(error.children ?? [])]);
}

function convert(kind: Kind, text: string): unknown {
  switch (kind) {
    case 'date':
      return parseDate(text);
    case 'integer': {
      const value = parseNumber(text);
      return value !== null && Number.isInteger(value) ? value : null;
    }
    case 'number':
      return parseNumber(text);
    case 'boolean':
      return parseBoolean(text);
    default:
      return text;
  }
}

/** A RAT row: the DTO of the API plus the legal-entity number naming its cooperative. */
export class RatRowDto extends RecordRatDto {
  @IsString()
  @Length(1, 120)
  legalEntityNumber: string;
}

export { RegisterCooperativeDto };

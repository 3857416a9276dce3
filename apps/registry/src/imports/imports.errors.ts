import { HttpStatus } from '@nestjs/common';
import { badRequest, DomainError, notFound, unprocessable } from '@koperasi/platform';
import type { RowError } from './csv-columns';

export const importNotFound = (id: string) => notFound('ImportRun', id);
export const fileRequired = () => badRequest('FILE_REQUIRED', 'Send the CSV file as multipart/form-data field "file"');
export const fileUnreadable = (errors: RowError[]) =>
  unprocessable('IMPORT_FILE_INVALID', 'The file cannot be read as this kind of CSV', { errors });
export const rowsInvalid = (errors: RowError[], errorCount: number, rowsInFile: number, validRows: number) =>
  unprocessable(
    'IMPORT_ROWS_INVALID',
    `${errorCount} problems in the file; nothing was imported (pass validRowsOnly=true to import the ${validRows} valid rows)`,
    { errors, errorCount, rowsInFile, validRows },
  );
export const tooManyRows = (limit: number) =>
  new DomainError(
    'IMPORT_TOO_MANY_ROWS',
    `The file has more than ${limit} rows; split it (IMPORT_MAX_ROWS)`,
    HttpStatus.PAYLOAD_TOO_LARGE,
    { limit },
  );
export const nothingToImport = (errors: RowError[]) =>
  unprocessable('IMPORT_NOTHING_VALID', 'The file has no valid rows', { errors });

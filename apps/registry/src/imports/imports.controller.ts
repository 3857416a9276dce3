import { Readable } from 'node:stream';
import { Controller, Get, HttpCode, Logger, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import {
  ApiAcceptedResponse,
  ApiBody,
  type ApiBodyOptions,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiIdempotencyKey, Command, Costly, ErrorBody, Roles, type CommandContext } from '@koperasi/platform';
import { ApiBadRequest, ApiNotFound, ApiUnprocessable } from '../common/api-errors';
import { UuidParam } from '../common/uuid-param';
import { READ_ROLES } from '../cooperatives/cooperatives.controller';
import { CooperativeFilterQuery } from '../cooperatives/dto/list-cooperatives.query';
import { COOPERATIVE_COLUMNS, RAT_COLUMNS } from './csv-columns';
import { CooperativesExport } from './cooperatives-export';
import { ImportQuery, ImportRunView, toImportView } from './dto/import.dto';
import type { ImportKind } from './import-run.entity';
import { fileRequired } from './imports.errors';
import { ImportsService, type UploadedCsv } from './imports.service';
import { RemoveUploadedFile } from './remove-upload.interceptor';

const upload: ApiBodyOptions = {
  schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
};

const columns = (list: { header: string; required?: boolean }[]) =>
  list.map((c) => (c.required ? `${c.header}*` : c.header)).join(', ');
const FILE_RULES =
  'UTF-8, optional BOM, "," or ";" separators, dates YYYY-MM-DD or dd/mm/yyyy, numbers 1234.5 or 1.234,5. The whole file is validated first; with errors nothing is imported unless validRowsOnly=true.';
const ERRORS =
  'IMPORT_FILE_INVALID, IMPORT_ROWS_INVALID (details.errors: [{ row, column, message }]), IMPORT_NOTHING_VALID';

@ApiTags('import and export')
@Controller()
export class ImportsController {
  private readonly logger = new Logger(ImportsController.name);

  constructor(
    private readonly imports: ImportsService,
    private readonly exporter: CooperativesExport,
  ) {}

  @Post('imports/cooperatives')
  @HttpCode(202)
  @Roles('registrar')
  @Costly()
  @UseInterceptors(FileInterceptor('file'), RemoveUploadedFile)
  @ApiOperation({
    summary: 'Import cooperatives from CSV as a background job',
    description: `Columns (* required): ${columns(COOPERATIVE_COLUMNS)}. status is ACTIVE or INACTIVE. ${FILE_RULES}`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody(upload)
  @ApiIdempotencyKey()
  @ApiAcceptedResponse({ type: ImportRunView })
  @ApiBadRequest('FILE_REQUIRED, VALIDATION_FAILED, INVALID_IDEMPOTENCY_KEY')
  @ApiUnprocessable(`${ERRORS}, IDEMPOTENCY_KEY_REUSED`)
  @ApiPayloadTooLargeResponse({
    type: ErrorBody,
    description:
      'PAYLOAD_TOO_LARGE (over IMPORT_MAX_BYTES, 50 MB by default), IMPORT_TOO_MANY_ROWS (over IMPORT_MAX_ROWS)',
  })
  importCooperatives(
    @UploadedFile() file: UploadedCsv | undefined,
    @Query() query: ImportQuery,
    @Command() command: CommandContext,
  ): Promise<object> {
    return this.start('COOPERATIVES', file, query, command);
  }

  @Post('imports/rats')
  @HttpCode(202)
  @Roles('registrar')
  @Costly()
  @UseInterceptors(FileInterceptor('file'), RemoveUploadedFile)
  @ApiOperation({
    summary: 'Import RAT history from CSV as a background job',
    description: `Columns (* required): ${columns(RAT_COLUMNS)}. ${FILE_RULES}`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody(upload)
  @ApiIdempotencyKey()
  @ApiAcceptedResponse({ type: ImportRunView })
  @ApiBadRequest('FILE_REQUIRED, VALIDATION_FAILED, INVALID_IDEMPOTENCY_KEY')
  @ApiUnprocessable(`${ERRORS}, IDEMPOTENCY_KEY_REUSED`)
  @ApiPayloadTooLargeResponse({
    type: ErrorBody,
    description:
      'PAYLOAD_TOO_LARGE (over IMPORT_MAX_BYTES, 50 MB by default), IMPORT_TOO_MANY_ROWS (over IMPORT_MAX_ROWS)',
  })
  importRats(
    @UploadedFile() file: UploadedCsv | undefined,
    @Query() query: ImportQuery,
    @Command() command: CommandContext,
  ): Promise<object> {
    return this.start('RATS', file, query, command);
  }

  @Get('imports/:id')
  @Roles('registrar', 'supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Progress of an import: done/total, imported, rejected and failed rows' })
  @ApiOkResponse({ type: ImportRunView })
  @ApiBadRequest('INVALID_IDENTIFIER')
  @ApiNotFound('IMPORT_RUN_NOT_FOUND')
  async get(@UuidParam('id') id: string): Promise<ImportRunView> {
    return toImportView(await this.imports.get(id));
  }

  @Get('exports/cooperatives.csv')
  @Roles(...READ_ROLES)
  @Costly()
  @ApiOperation({ summary: 'The filtered cooperative list as CSV, in the import columns plus lastRatYear and id' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV file' })
  @ApiBadRequest()
  export(@Query() filter: CooperativeFilterQuery, @Res() reply: FastifyReply): void {
    // Byte mode: the next batch is read only once the socket took the last one; a client that goes
    // away destroys the stream, which ends the export's generator (no more queries). A failure before
    // the first byte is answered by the exception filter, as for any route.
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) this.logger.log('CSV export stopped: the client went away');
    });
    reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="cooperatives.csv"')
      .send(Readable.from(this.exporter.csv(filter), { objectMode: false }));
  }

  private start(
    kind: ImportKind,
    file: UploadedCsv | undefined,
    query: ImportQuery,
    command: CommandContext,
  ): Promise<object> {
    if (!file) throw fileRequired();
    return this.imports.start(command, kind, file, query.validRowsOnly === 'true');
  }
}

import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import type { User } from '../accounts/user.entity';
import { translate } from '../i18n/dictionary';
import { toCsv } from '../reports/csv';
import { ServiceClient, ServiceError } from '../services/service-client';
import { flashRefusal } from '../web/action';
import { Allow, CurrentUser, type SignedInRequest } from '../web/access';
import { PAGE_ROLES } from '../web/menu';
import { redirect } from '../web/respond';

interface RowError {
  row: number;
  column: string | null;
  message: string;
}

interface ImportRun {
  id: string;
  state: string;
  rowsInFile: number;
  total: number;
  done: number;
  imported: number;
  rejectedRows: RowError[];
  failures: RowError[];
}

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const KINDS: Record<string, string> = { koperasi: 'cooperatives', rat: 'rats' };

/** CSV imports with their per-row errors, and the annual evaluation with a dry run and live progress. */
@Controller('koperasi')
@Allow(...PAGE_ROLES.registryWrite)
export class RegistryBatchController {
  constructor(private readonly services: ServiceClient) {}

  @Get('impor/baru')
  importForm(@CurrentUser() user: User, @Res() response: Response) {
    response.render('pages/import', { title: translate(user.language, 'import.title') });
  }

  @Post('impor/baru')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES } }))
  async upload(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
    @Body() form: Record<string, string>,
  ) {
    const user = request.user;
    const kind = KINDS[form.kind] ?? 'cooperatives';
    const body = new FormData();
    body.append(
      'file',
      new Blob([new Uint8Array(file?.buffer ?? [])], { type: 'text/csv' }),
      file?.originalname ?? 'impor.csv',
    );
    const validRowsOnly = form.validRowsOnly === 'true' ? '?validRowsOnly=true' : '';
    try {
      const started = await this.services.fetch(user, 'registry', `/imports/${kind}${validRowsOnly}`, {
        method: 'POST',
        body,
      });
      const run = (await started.json()) as ImportRun;
      redirect(request, response, `/koperasi/impor/${run.id}`);
    } catch (error) {
      if (error instanceof ServiceError && Array.isArray(error.details.errors)) {
        request.session.importErrors = (error.details.errors as RowError[]).slice(0, 5000);
        response.status(422).render('pages/import', {
          title: translate(user.language, 'import.title'),
          refused: true,
          errors: request.session.importErrors,
          rowsInFile: error.details.rowsInFile,
          validRows: error.details.validRows,
        });
        return;
      }
      flashRefusal(request, error);
      redirect(request, response, '/koperasi/impor/baru');
    }
  }

  @Get('impor/galat.csv')
  errorList(@Req() request: SignedInRequest, @Res() response: Response) {
    const language = request.user.language;
    const rows = (request.session.importErrors ?? []).map((error) => [error.row, error.column, error.message]);
    response
      .type('text/csv; charset=utf-8')
      .attachment('galat-impor.csv')
      .send(
        toCsv(
          [
            [
              translate(language, 'import.row'),
              translate(language, 'import.column'),
              translate(language, 'import.message'),
            ],
            ...rows,
          ],
          ';',
        ),
      );
  }

  @Get('impor/:id')
  async importProgress(@CurrentUser() user: User, @Param('id', ParseUUIDPipe) id: string, @Res() response: Response) {
    const run = await this.services.get<ImportRun>(user, 'registry', `/imports/${id}`);
    response.render('pages/import-run', {
      title: translate(user.language, 'import.title'),
      run,
      running: run.state === 'QUEUED' || run.state === 'RUNNING',
      percent: run.total ? Math.floor((run.done / run.total) * 100) : 0,
      errors: [...run.rejectedRows, ...run.failures],
    });
  }

  @Get('evaluasi')
  async evaluations(@CurrentUser() user: User, @Res() response: Response) {
    const runs = await this.services.get<{ items: unknown[] }>(user, 'registry', '/evaluations', { limit: 10 });
    response.render('pages/evaluation', {
      title: translate(user.language, 'evaluation.title'),
      runs: runs.items,
      defaultYear: new Date().getFullYear() - 1,
    });
  }

  @Post('evaluasi')
  async startEvaluation(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Body() form: Record<string, string>,
  ) {
    try {
      const run = await this.services.post<{ id: string }>(request.user, 'registry', '/evaluations', {
        fiscalYear: Number(form.fiscalYear),
        dryRun: form.dryRun === 'true',
      });
      redirect(request, response, `/koperasi/evaluasi/${run.id}`);
    } catch (error) {
      flashRefusal(request, error);
      redirect(request, response, '/koperasi/evaluasi');
    }
  }

  @Get('evaluasi/:id')
  async evaluation(
    @CurrentUser() user: User,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('bagian') fragment: string,
    @Res() response: Response,
  ) {
    const run = await this.services.get<{ state: string; done: number; total: number | null; dryRun: boolean }>(
      user,
      'registry',
      `/evaluations/${id}`,
    );
    const running = run.state !== 'COMPLETED' && run.state !== 'FAILED';
    const changes =
      !running && !run.dryRun
        ? await this.services.get<{ items: unknown[]; total: number }>(user, 'registry', `/evaluations/${id}/changes`, {
            limit: 200,
          })
        : null;
    const partial = fragment === 'progres';
    response.render(partial ? 'partials/evaluation-progress' : 'pages/evaluation-run', {
      ...(partial ? { layout: false } : {}),
      title: translate(user.language, 'evaluation.title'),
      run,
      running,
      percent: run.total ? Math.floor((run.done / run.total) * 100) : running ? 0 : 100,
      changes,
    });
  }
}

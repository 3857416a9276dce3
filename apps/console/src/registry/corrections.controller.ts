import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { translate } from '../i18n/dictionary';
import { ServiceClient, ServiceError } from '../services/service-client';
import { flashRefusal } from '../web/action';
import { Allow, type SignedInRequest } from '../web/access';
import { PAGE_ROLES } from '../web/menu';
import { flash, redirect } from '../web/respond';
import { keepForm, ratCorrectionBody, ratCorrectionErrors, takeForm } from './correction-form';

interface Rat {
  fiscalYear: number;
  meetingDate: string;
  reportedDate: string;
  membersPresent: number;
  membersTotal: number;
  accountabilityReportReceived: boolean;
  financialStatementsReceived: boolean;
  workPlanReceived: boolean;
}

const RAT_FIELDS = ['meetingDate', 'reportedDate', 'membersPresent', 'membersTotal', 'reason'] as const;
const RAT_CHECKS = ['accountabilityReportReceived', 'financialStatementsReceived', 'workPlanReceived'] as const;

/**
 * The registrar corrects a recorded RAT with a reason (the registry's audited amendment): plain POST and
 * redirect, the registry's refusals beside the fields with what was typed kept.
 */
@Controller('koperasi')
@Allow(...PAGE_ROLES.registryWrite)
export class CorrectionsController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':id/rat/:year/koreksi')
  async ratForm(
    @Req() request: SignedInRequest,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('year', ParseIntPipe) year: number,
    @Res() response: Response,
  ) {
    const user = request.user;
    const [cooperative, rats] = await Promise.all([
      this.services.get<{ id: string; name: string }>(user, 'registry', `/cooperatives/${id}`),
      this.services.get<Rat[]>(user, 'registry', `/cooperatives/${id}/rats`),
    ]);
    const rat = rats.find((recorded) => recorded.fiscalYear === year);
    const kept = takeForm(request, ratPath(id, year));
    const recorded = (name: string) => String((rat as unknown as Record<string, unknown> | undefined)?.[name] ?? '');
    const value = (name: string) => kept.values?.[name] ?? recorded(name);
    response.render('pages/rat-correction', {
      title: translate(user.language, 'correction.ratTitle', { year }),
      cooperative,
      year,
      found: !!rat,
      fields: Object.fromEntries(
        RAT_FIELDS.map((name) => [name, { name, id: name, value: value(name), error: kept.errors[name] }]),
      ),
      checks: RAT_CHECKS.map((name) => ({
        name,
        checked: kept.values ? kept.values[name] === 'true' : recorded(name) === 'true',
      })),
    });
  }

  @Post(':id/rat/:year/koreksi')
  async correctRat(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('year', ParseIntPipe) year: number,
    @Body() form: Record<string, string>,
  ) {
    const user = request.user;
    try {
      await this.services.patch(user, 'registry', `/cooperatives/${id}/rats/${year}`, ratCorrectionBody(form));
      flash(request, 'success', translate(user.language, 'correction.ratSaved', { year }));
      redirect(request, response, `/koperasi/${id}`);
    } catch (error) {
      flashRefusal(request, error);
      keepForm(
        request,
        ratPath(id, year),
        form,
        error instanceof ServiceError ? ratCorrectionErrors(user.language, error) : {},
      );
      redirect(request, response, ratPath(id, year));
    }
  }
}

const ratPath = (id: string, year: number) => `/koperasi/${id}/rat/${year}/koreksi`;

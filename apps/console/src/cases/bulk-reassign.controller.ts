import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { User } from '../accounts/user.entity';
import { UsersService } from '../accounts/users.service';
import { translate } from '../i18n/dictionary';
import { ServiceClient } from '../services/service-client';
import { flashRefusal } from '../web/action';
import { Allow, CurrentUser, type SignedInRequest } from '../web/access';
import { redirect } from '../web/respond';
import { activeOfficers } from './officers';

interface BulkAnswer {
  dryRun: boolean;
  summary: { total: number; reassigned: number; wouldReassign: number; skipped: number };
  results: { caseId: string; toAssigneeId: string | null; outcome: string; problem?: string }[];
}

type Form = Record<string, string | string[] | undefined>;

/** Moving an officer's open cases to others: a confirmation step (the service's dry run), then the per-case result. */
@Controller('kasus-alihkan')
@Allow('supervisor')
export class BulkReassignController {
  constructor(
    private readonly services: ServiceClient,
    private readonly users: UsersService,
  ) {}

  @Get()
  async form(@CurrentUser() user: User, @Res() response: Response) {
    response.render('pages/bulk-reassign', {
      title: translate(user.language, 'bulk.title'),
      officers: await activeOfficers(this.services, user),
    });
  }

  @Post()
  async run(@Req() request: SignedInRequest, @Res() response: Response, @Body() form: Form) {
    const user = request.user;
    const confirmed = form.confirm === 'true';
    const from = String(form.fromAssigneeId ?? '');
    const targets = ([] as string[]).concat(form.to ?? []);
    const names = await this.users.namesById([from, ...targets]);
    try {
      const answer = await this.services.post<BulkAnswer>(user, 'mentoring', '/cases/bulk-reassign', {
        fromAssigneeId: from,
        to: targets.map((id) => ({ id, name: names.get(id) })),
        reason: String(form.reason ?? '').trim(),
        dryRun: !confirmed,
      });
      response.render('pages/bulk-reassign-result', {
        title: translate(user.language, 'bulk.title'),
        answer,
        results: answer.results.map((result) => ({
          ...result,
          to: result.toAssigneeId ? (names.get(result.toAssigneeId) ?? result.toAssigneeId) : null,
        })),
        from: names.get(from) ?? from,
        fromAssigneeId: from,
        targets,
        reason: form.reason,
      });
    } catch (error) {
      flashRefusal(request, error);
      redirect(request, response, '/kasus-alihkan');
    }
  }
}

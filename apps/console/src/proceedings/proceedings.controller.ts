import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DISSOLUTION_GROUNDS } from '@koperasi/contracts';
import type { User } from '../accounts/user.entity';
import { UsersService } from '../accounts/users.service';
import { translate } from '../i18n/dictionary';
import { personName } from '../web/people';
import { KECAMATAN } from '../kecamatan';
import { ServiceClient } from '../services/service-client';
import { act } from '../web/action';
import { barChart } from '../web/charts';
import { Allow, CurrentUser, type SignedInRequest } from '../web/access';
import { PAGE_ROLES } from '../web/menu';
import { STEP_FORMS, versionOf } from './proceeding-forms';

export interface Proceeding {
  id: string;
  step: string;
  version: number;
  allowedActions: string[];
  proposedBy: string | null;
  approvedBy: string | null;
  openedBy: string | null;
  cooperative: { name: string } | null;
  [field: string]: unknown;
}

interface TimelineItem {
  at: string;
  actorId: string | null;
  actorName: string | null;
}

const STEPS = [
  'DRAFT',
  'PROPOSED',
  'APPROVED',
  'NOTICE_DELIVERED',
  'OBJECTION_UNDER_REVIEW',
  'READY_FOR_DECREE',
  'DECREED',
  'LIQUIDATION_FINISHED',
];

/** The dissolution pipeline, one proceeding with its timeline and the form for each statutory step. */
@Controller('pembubaran')
@Allow(...PAGE_ROLES.proceedings)
export class ProceedingsController {
  constructor(
    private readonly services: ServiceClient,
    private readonly users: UsersService,
  ) {}

  @Get()
  async pipeline(@CurrentUser() user: User, @Query() query: Record<string, string>, @Res() response: Response) {
    const step = STEPS.includes(query.step) ? query.step : undefined;
    const kecamatan = KECAMATAN.includes(query.kecamatan as never) ? query.kecamatan : undefined;
    const [pipeline, list] = await Promise.all([
      this.services.get<{ steps: { step: string; count: number; overdue: number }[]; total: number }>(
        user,
        'dissolution',
        '/proceedings/pipeline',
        { kecamatan },
      ),
      this.services.get<{ items: unknown[]; total: number }>(user, 'dissolution', '/proceedings', {
        step,
        kecamatan,
        limit: 50,
      }),
    ]);
    const steps = pipeline.steps.filter((row) => STEPS.includes(row.step));
    response.render('pages/pipeline', {
      title: translate(user.language, 'pipeline.title'),
      steps,
      chart: barChart(
        'pipeline',
        translate(user.language, 'pipeline.chart'),
        steps.map((row) => ({ label: translate(user.language, `step.${row.step}`), value: row.count })),
      ),
      total: pipeline.total,
      items: list.items,
      listTotal: list.total,
      step,
      kecamatan,
      kecamatanOptions: KECAMATAN,
      stepOptions: STEPS,
    });
  }

  @Get(':id')
  async page(@CurrentUser() user: User, @Param('id', ParseUUIDPipe) id: string, @Res() response: Response) {
    const [proceeding, timeline] = await Promise.all([
      this.services.get<Proceeding>(user, 'dissolution', `/proceedings/${id}`),
      this.services.get<{ items: TimelineItem[] }>(user, 'dissolution', `/proceedings/${id}/timeline`),
    ]);
    const names = await this.users.namesById([
      proceeding.proposedBy,
      proceeding.approvedBy,
      ...timeline.items.map((item) => item.actorId),
    ]);
    const nameOf = (userId: string | null, recorded?: string | null) =>
      personName(user.language, names, userId, recorded);
    const allowed = new Set(proceeding.allowedActions);
    const supervisor = user.roles.includes('supervisor');
    const isProposer = proceeding.proposedBy === user.id;
    response.render('pages/proceeding', {
      title: translate(user.language, 'proceeding.title'),
      proceeding,
      proposer: nameOf(proceeding.proposedBy),
      approver: nameOf(proceeding.approvedBy),
      timeline: timeline.items.map((item) => ({ ...item, actor: nameOf(item.actorId, item.actorName) })),
      forms: {
        editProposal: allowed.has('EDIT_PROPOSAL'),
        propose: allowed.has('PROPOSE'),
        decide: supervisor && allowed.has('APPROVE') && !isProposer,
        proposerNotice: supervisor && allowed.has('APPROVE') && isProposer,
        withdraw: allowed.has('WITHDRAW'),
        notice: allowed.has('RECORD_NOTICE'),
        objection: allowed.has('RECORD_OBJECTION'),
        objectionDecision: supervisor && allowed.has('UPHOLD_OBJECTION') && !isProposer,
        decree: supervisor && allowed.has('RECORD_DECREE') && !isProposer,
        creditorNotice: allowed.has('RECORD_CREDITOR_NOTICE'),
        settlement: allowed.has('FINISH_LIQUIDATION'),
        gazette: allowed.has('PUBLISH_GAZETTE'),
        reviewFlag: supervisor && !!proceeding.reviewFlag,
      },
      grounds: DISSOLUTION_GROUNDS,
      letters: ['APPROVED', 'NOTICE_DELIVERED', 'OBJECTION_UNDER_REVIEW', 'READY_FOR_DECREE'].includes(proceeding.step),
      objectionLetter: !!proceeding.objectionDecision,
    });
  }

  @Post(':id/:form')
  @Allow('officer', 'supervisor')
  async act(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('form') name: string,
    @Body() form: Record<string, string | string[] | undefined>,
  ) {
    const step = Object.hasOwn(STEP_FORMS, name) ? STEP_FORMS[name] : undefined;
    if (!step) throw new NotFoundException();
    const body = { ...step.body(form), version: versionOf(form) };
    await act(request, response, `/pembubaran/${id}`, step.successKey, () =>
      step.method === 'patch'
        ? this.services.patch(request.user, 'dissolution', `/proceedings/${id}/${step.path}`, body)
        : this.services.post(request.user, 'dissolution', `/proceedings/${id}/${step.path}`, body),
    );
  }
}

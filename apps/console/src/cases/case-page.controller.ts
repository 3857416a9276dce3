import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { User } from '../accounts/user.entity';
import { UsersService } from '../accounts/users.service';
import { translate } from '../i18n/dictionary';
import { ServiceClient } from '../services/service-client';
import { act } from '../web/action';
import { Allow, CurrentUser, type SignedInRequest } from '../web/access';
import { PRIORITIES } from '../kecamatan';
import { PAGE_ROLES } from '../web/menu';
import { personName } from '../web/people';
import { activeOfficers } from './officers';

interface CaseDetail {
  id: string;
  type: string;
  status: string;
  assigneeId: string | null;
  assigneeName: string | null;
  cooperativeId: string;
  kecamatan: string | null;
  history: { actorId: string | null; actorName?: string | null }[];
  activities: { authorId?: string; authorName?: string | null }[];
}

/** Who may correct an activity, as mentoring decides: its author on a case they work, or a supervisor. */
const mayCorrect = (activity: { authorId?: string }, user: User, canWork: boolean) =>
  canWork && (user.roles.includes('supervisor') || activity.authorId === user.id);

interface CaseType {
  type: string;
  officerOutcomes: string[];
}

const ACTIVITY_KINDS = ['VISIT', 'CALL', 'MEETING', 'DOCUMENT_RECEIVED', 'NOTE'];
const text = (value: unknown) => String(value ?? '').trim();

/** One case: its cooperative, checklist, activities, history, and the forms to work it. */
@Controller('kasus/:id')
@Allow(...PAGE_ROLES.queue)
export class CasePageController {
  constructor(
    private readonly services: ServiceClient,
    private readonly users: UsersService,
  ) {}

  @Get()
  async page(@CurrentUser() user: User, @Param('id', ParseUUIDPipe) id: string, @Res() response: Response) {
    const found = await this.services.get<CaseDetail>(user, 'mentoring', `/cases/${id}`);
    const [types, cooperative] = await Promise.all([
      this.services.get<CaseType[]>(user, 'mentoring', '/case-types'),
      this.services
        .get<Record<string, unknown>>(user, 'registry', `/cooperatives/${found.cooperativeId}`)
        .catch(() => null),
    ]);
    const names = await this.users.namesById([found.assigneeId, ...found.history.map((entry) => entry.actorId)]);
    const mine = found.assigneeId === user.id;
    const supervisor = user.roles.includes('supervisor');
    const officers = supervisor ? await activeOfficers(this.services, user, found.kecamatan ?? undefined) : [];
    const canWork = found.status !== 'CLOSED' && (mine || supervisor);
    response.render('pages/case', {
      title: translate(user.language, 'case.title'),
      item: found,
      activities: found.activities.map((activity) => ({
        ...activity,
        correctable: mayCorrect(activity, user, canWork),
      })),
      registry: cooperative,
      assignee: found.assigneeId ? (names.get(found.assigneeId) ?? found.assigneeName) : null,
      history: found.history.map((entry) => ({
        ...entry,
        actor: personName(user.language, names, entry.actorId, entry.actorName),
      })),
      canWork,
      canClaim: found.status === 'UNASSIGNED',
      onHold: found.status === 'ON_HOLD',
      outcomes: types.find((type) => type.type === found.type)?.officerOutcomes ?? [],
      supervisor,
      officers: officers.filter((officer) => officer.id !== found.assigneeId),
      priorities: PRIORITIES,
      closed: found.status === 'CLOSED',
      activityKinds: ACTIVITY_KINDS,
    });
  }

  @Post('aktivitas')
  @Allow('officer', 'supervisor')
  activity(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, string>,
  ) {
    return this.work(request, response, id, 'case.activityLogged', () =>
      this.services.post(request.user, 'mentoring', `/cases/${id}/activities`, {
        kind: text(body.kind),
        occurredOn: text(body.occurredOn),
        text: text(body.text),
      }),
    );
  }

  @Post('aktivitas/:activityId/koreksi')
  @Allow('officer', 'supervisor')
  correctActivity(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('activityId', ParseUUIDPipe) activityId: string,
    @Body() body: Record<string, string>,
  ) {
    const version = Number(body.version);
    return this.work(request, response, id, 'case.activityCorrected', () =>
      this.services.patch(request.user, 'mentoring', `/cases/${id}/activities/${activityId}`, {
        kind: text(body.kind),
        occurredOn: text(body.occurredOn),
        text: text(body.text),
        reason: text(body.reason),
        ...(Number.isInteger(version) ? { version } : {}),
      }),
    );
  }

  @Post('daftar-periksa/:code')
  @Allow('officer', 'supervisor')
  checklist(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('code') code: string,
    @Body('done') done: string,
  ) {
    return this.work(request, response, id, 'case.checklistSaved', () =>
      this.services.put(request.user, 'mentoring', `/cases/${id}/checklist/${encodeURIComponent(code)}`, {
        done: done === 'true',
      }),
    );
  }

  @Post('tunda')
  @Allow('officer', 'supervisor')
  hold(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, string>,
  ) {
    return this.work(request, response, id, 'case.held', () =>
      this.services.post(request.user, 'mentoring', `/cases/${id}/hold`, {
        until: text(body.until),
        reason: text(body.reason),
      }),
    );
  }

  @Post('lanjutkan')
  @Allow('officer', 'supervisor')
  release(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, string>,
  ) {
    return this.work(request, response, id, 'case.released', () =>
      this.services.post(request.user, 'mentoring', `/cases/${id}/release`, { reason: text(body.reason) }),
    );
  }

  @Post('tutup')
  @Allow('officer', 'supervisor')
  close(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, string>,
  ) {
    const evidenceNotes = text(body.evidenceNotes);
    return this.work(request, response, id, 'case.closed', () =>
      this.services.post(request.user, 'mentoring', `/cases/${id}/close`, {
        outcome: text(body.outcome),
        reason: text(body.reason),
        ...(evidenceNotes ? { evidenceNotes } : {}),
      }),
    );
  }

  @Post('tugaskan')
  @Allow('supervisor')
  async assign(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, string>,
  ) {
    const officer = await this.users.findById(text(body.assigneeId));
    return this.work(request, response, id, 'case.assigned', () =>
      this.services.post(request.user, 'mentoring', `/cases/${id}/assign`, {
        assigneeId: text(body.assigneeId),
        assigneeName: officer?.fullName,
        reason: text(body.reason),
      }),
    );
  }

  @Post('prioritas')
  @Allow('supervisor')
  priority(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, string>,
  ) {
    return this.work(request, response, id, 'case.prioritySaved', () =>
      this.services.post(request.user, 'mentoring', `/cases/${id}/priority`, {
        priority: text(body.priority),
        reason: text(body.reason),
      }),
    );
  }

  @Post('buka-kembali')
  @Allow('supervisor')
  reopen(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, string>,
  ) {
    return this.work(request, response, id, 'case.reopened', () =>
      this.services.post(request.user, 'mentoring', `/cases/${id}/reopen`, { reason: text(body.reason) }),
    );
  }

  private work(
    request: SignedInRequest,
    response: Response,
    id: string,
    successKey: string,
    run: () => Promise<unknown>,
  ) {
    return act(request, response, `/kasus/${id}#pesan`, successKey, run);
  }
}

import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { COOPERATIVE_STATUSES } from '@koperasi/contracts';
import type { User } from '../accounts/user.entity';
import { translate } from '../i18n/dictionary';
import { KECAMATAN } from '../kecamatan';
import { ServiceClient } from '../services/service-client';
import { act } from '../web/action';
import { Allow, CurrentUser, type SignedInRequest } from '../web/access';
import { PAGE_ROLES } from '../web/menu';
import { personName } from '../web/people';
import { COOPERATIVE_TYPES, cooperativeBody } from './cooperative-form';

const PAGE_SIZE = 25;
const text = (value: unknown) => String(value ?? '').trim();
const numberOrUndefined = (value: unknown) => (text(value) === '' ? undefined : Number(text(value)));

/** The registrar's registry: search, one cooperative with everything known about it, recording a RAT. */
@Controller('koperasi')
@Allow(...PAGE_ROLES.registry)
export class RegistryController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  async search(@CurrentUser() user: User, @Query() query: Record<string, string>, @Res() response: Response) {
    const page = Math.max(Number.parseInt(query.page ?? '1', 10) || 1, 1);
    const filters = {
      q: text(query.q).slice(0, 100) || undefined,
      status: COOPERATIVE_STATUSES.includes(query.status as never) ? query.status : undefined,
      kecamatan: KECAMATAN.includes(query.kecamatan as never) ? query.kecamatan : undefined,
    };
    const found = await this.services.get<{ items: unknown[]; total: number }>(user, 'registry', '/cooperatives', {
      ...filters,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    const link = (to: number) => `/koperasi?${new URLSearchParams({ ...clean(filters), page: String(to) })}`;
    response.render('pages/registry', {
      title: translate(user.language, 'registry.title'),
      filters,
      items: found.items,
      total: found.total,
      first: found.items.length ? (page - 1) * PAGE_SIZE + 1 : 0,
      last: (page - 1) * PAGE_SIZE + found.items.length,
      previous: page > 1 ? link(page - 1) : null,
      next: page * PAGE_SIZE < found.total ? link(page + 1) : null,
      statuses: COOPERATIVE_STATUSES,
      kecamatanOptions: KECAMATAN,
      canWrite: user.roles.includes('registrar'),
    });
  }

  @Get('baru')
  @Allow(...PAGE_ROLES.registryWrite)
  registerForm(@CurrentUser() user: User, @Res() response: Response) {
    response.render('pages/cooperative-form', this.formModel(user, null));
  }

  @Post('baru')
  @Allow(...PAGE_ROLES.registryWrite)
  async register(@Req() request: SignedInRequest, @Res() response: Response, @Body() form: Record<string, string>) {
    let created: { id: string } | undefined;
    await act(
      request,
      response,
      (ok) => (ok ? `/koperasi/${created!.id}` : '/koperasi/baru'),
      'registry.registered',
      async () =>
        (created = await this.services.post<{ id: string }>(
          request.user,
          'registry',
          '/cooperatives',
          cooperativeBody(form),
        )),
    );
  }

  @Get(':id/ubah')
  @Allow(...PAGE_ROLES.registryWrite)
  async editForm(@CurrentUser() user: User, @Param('id', ParseUUIDPipe) id: string, @Res() response: Response) {
    const cooperative = await this.services.get<Record<string, unknown>>(user, 'registry', `/cooperatives/${id}`);
    response.render('pages/cooperative-form', this.formModel(user, cooperative));
  }

  @Post(':id/ubah')
  @Allow(...PAGE_ROLES.registryWrite)
  edit(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() form: Record<string, string>,
  ) {
    return act(request, response, `/koperasi/${id}`, 'registry.saved', () =>
      this.services.patch(request.user, 'registry', `/cooperatives/${id}`, cooperativeBody(form)),
    );
  }

  private formModel(user: User, cooperative: Record<string, unknown> | null) {
    return {
      title: translate(user.language, cooperative ? 'registry.edit' : 'registry.register'),
      cooperative,
      types: COOPERATIVE_TYPES,
      kecamatanOptions: KECAMATAN,
    };
  }

  @Get(':id')
  async cooperative(@CurrentUser() user: User, @Param('id', ParseUUIDPipe) id: string, @Res() response: Response) {
    const [cooperative, history, rats, health] = await Promise.all([
      this.services.get<Record<string, unknown>>(user, 'registry', `/cooperatives/${id}`),
      this.services.get<unknown>(user, 'registry', `/cooperatives/${id}/status-history`),
      this.services.get<unknown>(user, 'registry', `/cooperatives/${id}/rats`),
      this.services.get<unknown>(user, 'registry', `/cooperatives/${id}/health-assessments`),
    ]);
    // Every role of this page may read the cooperative's open cases and proceedings (a registrar only per cooperative).
    const [cases, proceedings] = await Promise.all([
      this.services
        .get<{ items: unknown[] }>(user, 'mentoring', '/cases', { cooperativeId: id, tab: 'all', limit: 20 })
        .catch(() => null),
      this.services
        .get<{ items: ProceedingItem[] }>(user, 'dissolution', '/proceedings', {
          cooperativeId: id,
          includeClosed: true,
          limit: 20,
        })
        .catch(() => null),
    ]);
    response.render('pages/cooperative', {
      title: String(cooperative.name),
      cooperative,
      history: (itemsOf(history) as { actorId?: string; actorName?: string | null }[]).map((entry) => ({
        ...entry,
        actor: personName(user.language, new Map(), entry.actorId, entry.actorName),
      })),
      rats: itemsOf(rats).map(withChanges),
      health: itemsOf(health).map(withChanges),
      cases: cases?.items ?? [],
      casesUnavailable: cases === null,
      opensCases: user.roles.some((role) => (PAGE_ROLES.queue as readonly string[]).includes(role)),
      proceeding: proceedings ? currentProceeding(proceedings.items) : null,
      proceedingUnavailable: proceedings === null,
      opensProceedings: user.roles.some((role) => (PAGE_ROLES.proceedings as readonly string[]).includes(role)),
      canWrite: user.roles.includes('registrar'),
    });
  }

  @Post(':id/rat')
  @Allow(...PAGE_ROLES.registryWrite)
  recordRat(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() form: Record<string, string>,
  ) {
    return act(request, response, `/koperasi/${id}`, 'registry.ratRecorded', () =>
      this.services.post(request.user, 'registry', `/cooperatives/${id}/rats`, {
        fiscalYear: numberOrUndefined(form.fiscalYear),
        meetingDate: text(form.meetingDate),
        reportedDate: text(form.reportedDate),
        membersPresent: numberOrUndefined(form.membersPresent),
        membersTotal: numberOrUndefined(form.membersTotal),
        accountabilityReportReceived: form.accountabilityReportReceived === 'true',
        financialStatementsReceived: form.financialStatementsReceived === 'true',
      }),
    );
  }
}

function clean(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => !!entry[1]));
}

interface Amendment {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** Each correction with the fields it changed (the audit keeps unchanged context such as the fiscal year too). */
function withChanges(record: unknown) {
  const amendments = ((record as { amendments?: Amendment[] }).amendments ?? []).map((amendment) => ({
    ...amendment,
    changes: Object.keys(amendment.after)
      .filter((field) => JSON.stringify(amendment.before[field]) !== JSON.stringify(amendment.after[field]))
      .map((field) => ({ field, before: amendment.before[field], after: amendment.after[field] })),
  }));
  return { ...(record as object), amendments };
}

interface ProceedingItem {
  closedAt: string | null;
  createdAt: string;
}

/** The open proceeding (at most one per cooperative), else the latest closed one. */
function currentProceeding(items: ProceedingItem[]): ProceedingItem | null {
  const open = items.find((item) => item.closedAt === null);
  return open ?? [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0] ?? null;
}

/** The registry answers some lists bare and some as { items }. */
function itemsOf(answer: unknown): unknown[] {
  if (Array.isArray(answer)) return answer;
  return (answer as { items?: unknown[] } | null)?.items ?? [];
}

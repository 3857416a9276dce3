import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { User } from '../accounts/user.entity';
import { UsersService } from '../accounts/users.service';
import { translate } from '../i18n/dictionary';
import { ServiceClient, ServiceError } from '../services/service-client';
import { flashRefusal } from '../web/action';
import { Allow, CurrentUser, type SignedInRequest } from '../web/access';
import { PAGE_ROLES } from '../web/menu';
import { flash, localPath, redirect } from '../web/respond';
import { FILTER_OPTIONS, PAGE_SIZE, pagination, queueState, queueUrl, serviceFilters, tabsOf } from './queue-view';

interface QueuePage {
  items: { id: string; status: string; assigneeId: string | null; assigneeName: string | null }[];
  total: number;
  totalIsExact: boolean;
}

/** The officers' case queue: tabs with counts, filters, sort, search and paging, all in the URL. */
@Controller('kasus')
@Allow(...PAGE_ROLES.queue)
export class CasesController {
  constructor(
    private readonly services: ServiceClient,
    private readonly users: UsersService,
  ) {}

  @Get()
  async queue(@CurrentUser() user: User, @Query() query: Record<string, unknown>, @Res() response: Response) {
    const state = queueState(query);
    const filters = serviceFilters(state);
    const [page, counts] = await Promise.all([
      this.services.get<QueuePage>(user, 'mentoring', '/cases', {
        ...filters,
        tab: state.tab,
        sort: state.sort,
        order: state.order,
        limit: PAGE_SIZE,
        offset: (state.page - 1) * PAGE_SIZE,
      }),
      this.services.get<Record<string, number>>(user, 'mentoring', '/cases/counts', filters),
    ]);
    const names = await this.users.namesById(page.items.map((item) => item.assigneeId));
    response.render('pages/queue', {
      title: translate(user.language, 'queue.title'),
      state,
      here: queueUrl(state, { page: state.page }),
      tabs: tabsOf(state, counts),
      rows: page.items.map((item) => ({
        ...item,
        assignee: item.assigneeId ? (names.get(item.assigneeId) ?? item.assigneeName ?? item.assigneeId) : null,
        claimable:
          item.status === 'UNASSIGNED' && user.roles.some((role) => role === 'officer' || role === 'supervisor'),
      })),
      paging: pagination(state, page.items.length, page.total, page.totalIsExact),
      shortSearch: !!state.q && state.q.length < 3,
      options: FILTER_OPTIONS,
    });
  }

  @Post(':id/ambil')
  @Allow('officer', 'supervisor')
  async claim(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body('kembali') back: string,
  ): Promise<void> {
    const to = localPath(back, '/kasus');
    try {
      await this.services.post(request.user, 'mentoring', `/cases/${id}/claim`);
      flash(request, 'success', translate(request.user.language, 'queue.claimed'));
      redirect(request, response, `/kasus/${id}`);
    } catch (error) {
      if (!(error instanceof ServiceError) || error.code !== 'CASE_ALREADY_CLAIMED') {
        flashRefusal(request, error);
        return redirect(request, response, to);
      }
      const holder = String(error.details.assigneeId ?? '');
      const name = (await this.users.namesById([holder])).get(holder) ?? holder;
      flash(request, 'error', translate(request.user.language, 'queue.claimConflict', { name }));
      redirect(request, response, to);
    }
  }
}

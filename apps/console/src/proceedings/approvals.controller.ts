import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { User } from '../accounts/user.entity';
import { translate } from '../i18n/dictionary';
import { ServiceClient } from '../services/service-client';
import { Allow, CurrentUser } from '../web/access';
import { PAGE_ROLES } from '../web/menu';

interface ListItem {
  id: string;
  cooperativeName: string | null;
  kecamatan: string | null;
  step: string;
  nextDue: { action: string; dueOn: string | null; overdue: boolean } | null;
}

/** What waits for a supervisor's decision, soonest statutory deadline first. */
const AWAITING = ['PROPOSED', 'OBJECTION_UNDER_REVIEW', 'READY_FOR_DECREE'];

@Controller('persetujuan')
@Allow(...PAGE_ROLES.approvals)
export class ApprovalsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  async inbox(@CurrentUser() user: User, @Res() response: Response) {
    const lists = await Promise.all(
      AWAITING.map((step) =>
        this.services.get<{ items: ListItem[]; total: number }>(user, 'dissolution', '/proceedings', {
          step,
          limit: 200,
        }),
      ),
    );
    const items = lists
      .flatMap((list) => list.items)
      .sort((left, right) => (left.nextDue?.dueOn ?? '9999').localeCompare(right.nextDue?.dueOn ?? '9999'));
    response.render('pages/approvals', {
      title: translate(user.language, 'approvals.title'),
      items,
      totals: AWAITING.map((step, index) => ({ step, total: lists[index].total })),
    });
  }
}

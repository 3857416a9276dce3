import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { User } from '../accounts/user.entity';
import { translate } from '../i18n/dictionary';
import { ServiceClient } from '../services/service-client';
import { Allow, CurrentUser } from '../web/access';
import { PAGE_ROLES } from '../web/menu';

interface ApprovalItem {
  kind: string;
  proceedingId: string;
  cooperativeName: string | null;
  kecamatan: string | null;
  dueOn: string | null;
  daysLeft: number | null;
  overdue: boolean;
  binding: boolean;
  proposedByName: string | null;
  proposedByYou: boolean;
}

/** What waits for a supervisor's decision, as the dissolution service's inbox orders it. */
const KINDS = ['APPROVE_PROPOSAL', 'DECIDE_OBJECTION', 'RECORD_DECREE'] as const;
const PAGE_SIZE = 50;

@Controller('persetujuan')
@Allow(...PAGE_ROLES.approvals)
export class ApprovalsController {
  constructor(private readonly services: ServiceClient) {}

  /** One call to `GET /approvals`: nearest statutory deadline first, days left counted by the service in office time. */
  @Get()
  async inbox(@CurrentUser() user: User, @Query() query: Record<string, string>, @Res() response: Response) {
    const kind = KINDS.find((known) => known === query.jenis);
    const page = Math.max(Number.parseInt(query.page ?? '1', 10) || 1, 1);
    const found = await this.services.get<{ items: ApprovalItem[]; total: number }>(user, 'dissolution', '/approvals', {
      kind,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    const link = (to: number) =>
      `/persetujuan?${new URLSearchParams({ ...(kind ? { jenis: kind } : {}), page: String(to) })}`;
    response.render('pages/approvals', {
      title: translate(user.language, 'approvals.title'),
      items: found.items,
      tabs: [undefined, ...KINDS].map((tab) => ({
        label: tab ? `approvals.kind.${tab}` : 'approvals.all',
        href: tab ? `/persetujuan?jenis=${tab}` : '/persetujuan',
        current: tab === kind,
      })),
      paging: {
        first: found.items.length ? (page - 1) * PAGE_SIZE + 1 : 0,
        last: (page - 1) * PAGE_SIZE + found.items.length,
        total: found.total,
        previous: page > 1 ? link(page - 1) : null,
        next: page * PAGE_SIZE < found.total ? link(page + 1) : null,
      },
    });
  }
}

import { Controller, Get, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { User } from '../accounts/user.entity';
import { translate } from '../i18n/dictionary';
import { formatter } from '../i18n/format';
import { SERVICE_CONFIG } from '@koperasi/platform';
import type { ConsoleConfig } from '../config';
import { type NotificationNotice, notificationText } from './notification-text';
import { ServiceClient } from '../services/service-client';
import { act } from '../web/action';
import { Allow, CurrentUser, type SignedInRequest } from '../web/access';
import { PAGE_ROLES } from '../web/menu';

interface Notification extends NotificationNotice {
  id: string;
  caseId: string | null;
  createdAt: string;
  read: boolean;
}

/** The user's notifications from the mentoring service (the bell in the menu shows how many are unread). */
@Controller('notifikasi')
@Allow(...PAGE_ROLES.anyone)
export class NotificationsController {
  constructor(
    private readonly services: ServiceClient,
    @Inject(SERVICE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  @Get()
  async list(@CurrentUser() user: User, @Res() response: Response) {
    const page = await this.services.get<{ items: Notification[] }>(user, 'mentoring', '/notifications', { limit: 50 });
    const format = formatter(user.language, this.config.OFFICE_TIME_ZONE);
    const items = page.items.map((item) => ({ ...item, text: notificationText(item, user.language, format) }));
    response.render('pages/notifications', { title: translate(user.language, 'app.bell'), items });
  }

  @Post('baca-semua')
  readAll(@Req() request: SignedInRequest, @Res() response: Response) {
    return act(request, response, '/notifikasi', 'notifications.allRead', () =>
      this.services.post(request.user, 'mentoring', '/notifications/read-all'),
    );
  }

  @Post(':id/baca')
  read(@Req() request: SignedInRequest, @Res() response: Response, @Param('id', ParseUUIDPipe) id: string) {
    return act(request, response, '/notifikasi', 'notifications.read', () =>
      this.services.post(request.user, 'mentoring', `/notifications/${id}/read`),
    );
  }
}

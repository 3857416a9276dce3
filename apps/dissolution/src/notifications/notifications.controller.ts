import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, PageQuery, Roles, type AuthenticatedUser } from '@koperasi/platform';
import { Notifications } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: Notifications) {}

  @Get()
  @Roles('supervisor', 'officer', 'manager')
  @ApiOperation({ summary: 'Notifications addressed to any of the caller roles, newest first' })
  @ApiOkResponse({ description: '{ items, total }' })
  list(@Query() query: PageQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.notifications.list(user.roles, query.limit, query.offset);
  }
}

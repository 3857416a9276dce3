import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';
import { CurrentUser, ErrorBody, PageQuery, Roles, UuidParam, type AuthenticatedUser } from '@koperasi/platform';
import { NotificationsService } from './notifications.service';

class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ default: false })
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unreadOnly: boolean = false;
}

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Roles('officer', 'supervisor', 'manager', 'registrar', 'admin')
  @ApiOperation({ summary: 'My notifications (to me and to my roles), newest first, with read state' })
  @ApiOkResponse({ description: '{ items, total, limit, offset }' })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: NotificationQuery) {
    return this.notifications.list(user, query.unreadOnly, query.limit, query.offset);
  }

  @Get('unread-count')
  @Roles('officer', 'supervisor', 'manager', 'registrar', 'admin')
  @ApiOperation({ summary: 'How many of my notifications are unread' })
  @ApiOkResponse({ description: '{ unread }' })
  unreadCount(@CurrentUser() user: AuthenticatedUser) {
    return this.notifications.unreadCount(user);
  }

  @Post('read-all')
  @HttpCode(200)
  @Roles('officer', 'supervisor', 'manager', 'registrar', 'admin')
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @ApiOkResponse({ description: '{ marked }: how many were unread' })
  markAllRead(@CurrentUser() user: AuthenticatedUser) {
    return this.notifications.markAllRead(user);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Roles('officer', 'supervisor', 'manager', 'registrar', 'admin')
  @ApiOperation({ summary: 'Mark one notification read (for me)' })
  @ApiOkResponse({ description: '{ id, read: true }' })
  @ApiNotFoundResponse({ type: ErrorBody })
  markRead(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string) {
    return this.notifications.markRead(user, id);
  }
}

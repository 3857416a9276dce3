import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';
import { CurrentUser, ErrorBody, PageQuery, Roles, UuidParam, type AuthenticatedUser } from '@koperasi/platform';
import { Notifications } from './notifications.service';

class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ default: false })
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unreadOnly: boolean = false;
}

const READERS = ['supervisor', 'officer', 'manager'] as const;

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: Notifications) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Notifications to any of my roles, newest first, with my read state',
    description:
      'Each item has `kind` and `params` (cooperativeName, who, why, dates) for the client to render in its ' +
      "reader's language, and `message`, an English fallback.",
  })
  @ApiOkResponse({
    description: '{ items: [{ id, kind, params, message, proceedingId, readAt }], total, limit, offset }',
  })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: NotificationQuery) {
    return this.notifications.list(user, query.unreadOnly, query.limit, query.offset);
  }

  @Get('unread-count')
  @Roles(...READERS)
  @ApiOperation({ summary: 'How many of my notifications are unread' })
  @ApiOkResponse({ description: '{ unread }' })
  unreadCount(@CurrentUser() user: AuthenticatedUser) {
    return this.notifications.unreadCount(user);
  }

  @Post('read-all')
  @HttpCode(200)
  @Roles(...READERS)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @ApiOkResponse({ description: '{ marked }: how many were unread' })
  markAllRead(@CurrentUser() user: AuthenticatedUser) {
    return this.notifications.markAllRead(user);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Roles(...READERS)
  @ApiOperation({ summary: 'Mark one notification read (for me)' })
  @ApiOkResponse({ description: '{ id, read: true }' })
  @ApiNotFoundResponse({ type: ErrorBody })
  markRead(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string) {
    return this.notifications.markRead(user, id);
  }
}

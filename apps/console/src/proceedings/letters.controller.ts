import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { User } from '../accounts/user.entity';
import { UsersService } from '../accounts/users.service';
import { ServiceClient } from '../services/service-client';
import { Allow, CurrentUser } from '../web/access';
import { PAGE_ROLES } from '../web/menu';
import type { Proceeding } from './proceedings.controller';

/**
 * Print-ready letters filled from a proceeding, always in Bahasa Indonesia (they are official
 * letters whatever the reader's language); the print stylesheet leaves only the letter.
 */
@Controller('pembubaran/:id/surat')
@Allow(...PAGE_ROLES.proceedings)
export class LettersController {
  constructor(
    private readonly services: ServiceClient,
    private readonly users: UsersService,
  ) {}

  @Get('pemberitahuan')
  async notice(@CurrentUser() user: User, @Param('id', ParseUUIDPipe) id: string, @Res() response: Response) {
    await this.render(user, id, response, 'letters/dissolution-notice', 'Surat pemberitahuan rencana pembubaran');
  }

  @Get('keputusan-keberatan')
  async objectionDecision(
    @CurrentUser() user: User,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() response: Response,
  ) {
    await this.render(user, id, response, 'letters/objection-decision', 'Keputusan atas keberatan');
  }

  private async render(user: User, id: string, response: Response, view: string, title: string) {
    const proceeding = await this.services.get<Proceeding>(user, 'dissolution', `/proceedings/${id}`);
    const cooperative = await this.services.get<Record<string, unknown>>(
      user,
      'registry',
      `/cooperatives/${String(proceeding.cooperativeId)}`,
    );
    const approver = proceeding.approvedBy
      ? (await this.users.namesById([proceeding.approvedBy])).get(proceeding.approvedBy)
      : null;
    response.render(view, {
      layout: 'letter-layout',
      lang: 'id',
      title,
      proceeding,
      cooperative,
      approver,
      letterYear: new Date().getFullYear(),
    });
  }
}

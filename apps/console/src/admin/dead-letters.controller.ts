import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SERVICE_NAMES, type ServiceName } from '@koperasi/contracts';
import type { User } from '../accounts/user.entity';
import { translate } from '../i18n/dictionary';
import { ServiceClient } from '../services/service-client';
import { act } from '../web/action';
import { Allow, CurrentUser, type SignedInRequest } from '../web/access';
import { PAGE_ROLES } from '../web/menu';

interface DeadLetter {
  id: string;
  queue: string;
  eventType: string;
  errorCode: string;
  errorMessage: string;
  attempts: number;
  retryCount: number;
  createdAt: string;
}

const isService = (name: string): name is ServiceName => SERVICE_NAMES.includes(name as ServiceName);

/** The events each service could not apply, with retry and dismiss (with a reason). */
@Controller('admin/surat-mati')
@Allow(...PAGE_ROLES.deadLetters)
export class DeadLettersController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  async list(@CurrentUser() user: User, @Res() response: Response) {
    const lists = await Promise.all(
      SERVICE_NAMES.map(async (service) => {
        try {
          const page = await this.services.get<{ items: DeadLetter[]; total: number }>(
            user,
            service,
            '/admin/dead-letters',
            {
              limit: 100,
            },
          );
          return { service, items: page.items, total: page.total, unavailable: false };
        } catch {
          return { service, items: [], total: 0, unavailable: true };
        }
      }),
    );
    response.render('pages/dead-letters', { title: translate(user.language, 'deadLetters.title'), lists });
  }

  @Post(':service/:id/ulangi')
  retry(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('service') service: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return act(request, response, '/admin/surat-mati', 'deadLetters.retried', async () => {
      if (isService(service)) await this.services.post(request.user, service, `/admin/dead-letters/${id}/retry`);
    });
  }

  @Post(':service/:id/abaikan')
  dismiss(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('service') service: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body('reason') reason: string,
  ) {
    return act(request, response, '/admin/surat-mati', 'deadLetters.dismissed', async () => {
      if (isService(service)) {
        await this.services.post(request.user, service, `/admin/dead-letters/${id}/dismiss`, {
          reason: String(reason ?? '').trim(),
        });
      }
    });
  }
}

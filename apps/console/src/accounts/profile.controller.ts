import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { isLanguage, translate } from '../i18n/dictionary';
import { act } from '../web/action';
import { Allow, CurrentUser, PasswordPage, type SignedInRequest } from '../web/access';
import { homeFor, PAGE_ROLES } from '../web/menu';
import { redirect } from '../web/respond';
import type { User } from './user.entity';
import { UsersService } from './users.service';

/** The signed-in user's own settings: language and password. */
@Controller()
@Allow(...PAGE_ROLES.anyone)
export class ProfileController {
  constructor(private readonly users: UsersService) {}

  @Get()
  home(@Req() request: SignedInRequest, @Res() response: Response): void {
    redirect(request, response, homeFor(request.user.roles));
  }

  @Get('profil')
  profile(@CurrentUser() user: User, @Res() response: Response): void {
    response.render('pages/profile', { title: translate(user.language, 'profile.title') });
  }

  @Post('profil/bahasa')
  async language(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Body('language') language: string,
  ): Promise<void> {
    const chosen = isLanguage(language) ? language : 'id';
    request.user.language = chosen;
    await act(request, response, '/profil', 'profile.languageSaved', () =>
      this.users.setLanguage(request.user.id, chosen),
    );
  }

  @Get('profil/kata-sandi')
  @PasswordPage()
  passwordPage(@CurrentUser() user: User, @Res() response: Response): void {
    response.render('pages/password', { title: translate(user.language, 'password.title') });
  }

  @Post('profil/kata-sandi')
  @PasswordPage()
  async changePassword(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Body() body: { password?: string; confirm?: string },
  ): Promise<void> {
    const lang = request.user.language;
    if (String(body.password ?? '') !== String(body.confirm ?? '')) {
      response.status(422).render('pages/password', {
        title: translate(lang, 'password.title'),
        error: translate(lang, 'password.mismatch'),
      });
      return;
    }
    const back = (changed: boolean) => (changed ? homeFor(request.user.roles) : '/profil/kata-sandi');
    await act(request, response, back, 'password.changed', () =>
      this.users.changeOwnPassword(request.user.id, String(body.password ?? '')),
    );
  }
}

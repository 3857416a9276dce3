import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isLanguage, translate } from '../i18n/dictionary';
import { Open } from '../web/access';
import { homeFor } from '../web/menu';
import { flash, localPath, redirect } from '../web/respond';
import { SignInService } from './sign-in.service';

/** Sign-in and sign-out. The session id is regenerated at sign-in, so a planted one is worthless. */
@Controller()
export class SignInController {
  constructor(private readonly signIns: SignInService) {}

  @Get('masuk')
  @Open()
  page(
    @Req() request: Request,
    @Res() response: Response,
    @Query('kembali') back?: string,
    @Query('sesi') session?: string,
    @Query('bahasa') language?: string,
  ): void {
    if (isLanguage(language)) {
      request.session.language = language;
      response.locals.lang = language;
    }
    const lang = response.locals.lang;
    response.render('pages/sign-in', {
      title: translate(lang, 'signIn.title'),
      back: localPath(back, ''),
      notice: session === 'berakhir' ? translate(lang, 'signIn.expired') : null,
    });
  }

  @Post('masuk')
  @Open()
  async signIn(
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: { username?: string; password?: string; kembali?: string },
  ): Promise<void> {
    const lang = response.locals.lang;
    const result = await this.signIns.signIn(String(body.username ?? ''), String(body.password ?? ''));
    if (!result.ok) {
      const message =
        result.reason === 'LOCKED'
          ? translate(lang, 'signIn.locked', { minutes: result.minutes })
          : translate(lang, 'signIn.invalid');
      response.status(result.reason === 'LOCKED' ? 429 : 401).render('pages/sign-in', {
        title: translate(lang, 'signIn.title'),
        back: localPath(body.kembali, ''),
        error: message,
        username: body.username,
      });
      return;
    }
    const { user } = result;
    await new Promise<void>((resolve, reject) =>
      request.session.regenerate((error) => (error ? reject(error) : resolve())),
    );
    request.session.userId = user.id;
    flash(request, 'success', translate(user.language, 'signIn.welcome', { name: user.fullName }));
    redirect(
      request,
      response,
      user.mustChangePassword ? '/profil/kata-sandi' : localPath(body.kembali, homeFor(user.roles)),
    );
  }

  @Post('keluar')
  @Open()
  async signOut(@Req() request: Request, @Res() response: Response): Promise<void> {
    await new Promise<void>((resolve) => request.session.destroy(() => resolve()));
    response.clearCookie('koperasi.sid');
    redirect(request, response, '/masuk', true);
  }
}

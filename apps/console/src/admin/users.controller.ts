import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ROLES, type Role } from '@koperasi/contracts';
import type { User } from '../accounts/user.entity';
import { type UserFields, UsersService } from '../accounts/users.service';
import { translate } from '../i18n/dictionary';
import { KECAMATAN } from '../kecamatan';
import { act, flashRefusal } from '../web/action';
import { Allow, CurrentUser, type SignedInRequest } from '../web/access';
import { PAGE_ROLES } from '../web/menu';
import { flash, redirect } from '../web/respond';

type UserForm = Record<string, string | string[] | undefined>;

function fieldsOf(form: UserForm): UserFields {
  const roles = ([] as string[]).concat(form.roles ?? []).filter((role): role is Role => ROLES.includes(role as Role));
  const text = (name: string) => String(form[name] ?? '').trim();
  return {
    username: text('username').toLowerCase(),
    fullName: text('fullName'),
    email: text('email') || null,
    roles,
    kecamatan: KECAMATAN.includes(text('kecamatan') as never) ? text('kecamatan') : null,
  };
}

/** The admin's user directory: create, edit, deactivate, reactivate, reset passwords. */
@Controller('admin/pengguna')
@Allow(...PAGE_ROLES.users)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  async list(@CurrentUser() user: User, @Res() response: Response) {
    response.render('pages/admin-users', {
      title: translate(user.language, 'users.title'),
      users: await this.users.list(),
    });
  }

  @Get('baru')
  form(@CurrentUser() user: User, @Res() response: Response) {
    response.render('pages/admin-user', {
      title: translate(user.language, 'users.new'),
      roles: ROLES,
      kecamatan: KECAMATAN,
    });
  }

  @Post()
  async create(@Req() request: SignedInRequest, @Res() response: Response, @Body() form: UserForm) {
    try {
      const { user, password } = await this.users.create(fieldsOf(form));
      flash(request, 'success', translate(request.user.language, 'users.created', { password }));
      redirect(request, response, `/admin/pengguna/${user.id}`);
    } catch (error) {
      flashRefusal(request, error);
      redirect(request, response, '/admin/pengguna/baru');
    }
  }

  @Get(':id')
  async edit(@CurrentUser() user: User, @Param('id', ParseUUIDPipe) id: string, @Res() response: Response) {
    const subject = await this.users.findById(id);
    if (!subject)
      return response.status(404).render('pages/error', { message: translate(user.language, 'error.notFound') });
    response.render('pages/admin-user', {
      title: subject.fullName,
      subject,
      roles: ROLES,
      kecamatan: KECAMATAN,
    });
  }

  @Post(':id')
  update(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() form: UserForm,
  ) {
    return act(request, response, `/admin/pengguna/${id}`, 'users.saved', () => this.users.update(id, fieldsOf(form)));
  }

  @Post(':id/nonaktifkan')
  deactivate(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body('reason') reason: string,
  ) {
    return act(request, response, `/admin/pengguna/${id}`, 'users.deactivated', () =>
      this.users.deactivate(id, String(reason ?? '').trim() || '-'),
    );
  }

  @Post(':id/aktifkan')
  reactivate(@Req() request: SignedInRequest, @Res() response: Response, @Param('id', ParseUUIDPipe) id: string) {
    return act(request, response, `/admin/pengguna/${id}`, 'users.reactivated', () => this.users.reactivate(id));
  }

  @Post(':id/reset-sandi')
  async resetPassword(
    @Req() request: SignedInRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    const password = await this.users.resetPassword(id);
    flash(request, 'success', translate(request.user.language, 'users.passwordReset', { password }));
    redirect(request, response, `/admin/pengguna/${id}`);
  }
}

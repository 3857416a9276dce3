import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '@koperasi/platform';
import { DEFAULT_LANGUAGE, isLanguage, translate } from '../i18n/dictionary';
import { ServiceError } from '../services/service-client';
import { PageForbidden, PasswordChangeRequired, SignInRequired } from './access';
import { redirect } from './respond';

/** Every error as a page in the user's language; a missing session goes back to sign-in (htmx too). */
@Catch()
export class PageErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('PageErrorsFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof SignInRequired) {
      const back = request.method === 'GET' ? request.originalUrl : '';
      const query = new URLSearchParams({
        ...(back ? { kembali: back } : {}),
        ...(exception.expired ? { sesi: 'berakhir' } : {}),
      });
      return redirect(request, response, `/masuk${query.size ? `?${query}` : ''}`, true);
    }
    if (exception instanceof PasswordChangeRequired) return redirect(request, response, '/profil/kata-sandi', true);

    const language = isLanguage(response.locals.lang) ? response.locals.lang : DEFAULT_LANGUAGE;
    const { status, message } = this.describe(exception, language);
    if (status >= 500) this.logger.error({ err: exception }, 'Page failed');
    response.status(status).render('pages/error', { title: translate(language, 'error.title'), message, status });
  }

  private describe(exception: unknown, language: typeof DEFAULT_LANGUAGE) {
    if (exception instanceof PageForbidden) return { status: 403, message: translate(language, 'error.forbidden') };
    if (exception instanceof ServiceError || exception instanceof DomainError) {
      return { status: exception.status, message: serviceMessage(language, exception) };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { status, message: translate(language, status === 404 ? 'error.notFound' : 'error.badRequest') };
    }
    return { status: 500, message: translate(language, 'error.internal') };
  }
}

/** A service's or the directory's refusal in the user's language: a text per known code, else its own message. */
export function serviceMessage(language: typeof DEFAULT_LANGUAGE, error: { code: string; message: string }): string {
  const key = `code.${error.code}`;
  const known = translate(language, key);
  return known === key ? translate(language, 'error.refused', { message: error.message }) : known;
}

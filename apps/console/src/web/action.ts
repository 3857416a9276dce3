import type { Response } from 'express';
import { DomainError } from '@koperasi/platform';
import { translate } from '../i18n/dictionary';
import { ServiceError } from '../services/service-client';
import type { SignedInRequest } from './access';
import { serviceMessage } from './page-errors.filter';
import { flash, redirect } from './respond';

/**
 * Runs a form's action and redirects back (post/redirect/get): the outcome is the flash message
 * the next page shows, a service's refusal in the user's words.
 */
export async function act(
  request: SignedInRequest,
  response: Response,
  back: string | ((succeeded: boolean) => string),
  successKey: string,
  run: () => Promise<unknown>,
  params: Record<string, unknown> = {},
): Promise<void> {
  const language = request.user.language;
  let succeeded = true;
  try {
    await run();
    flash(request, 'success', translate(language, successKey, params));
  } catch (error) {
    flashRefusal(request, error);
    succeeded = false;
  }
  redirect(request, response, typeof back === 'string' ? back : back(succeeded));
}

/** A refusal by a service or the directory becomes the error message of the next page; anything else is a failure. */
export function flashRefusal(request: SignedInRequest, error: unknown): void {
  if (!(error instanceof ServiceError || error instanceof DomainError)) throw error;
  flash(request, 'error', serviceMessage(request.user.language, error));
}

import type { Request, Response } from 'express';
import type { Flash } from './session';

/**
 * A redirect after a form (303, so the browser follows with GET). Under htmx a boosted request
 * follows it too and swaps the page in; `fullPage` makes htmx navigate instead (HX-Redirect),
 * which the sign-in page needs.
 */
export function redirect(request: Request, response: Response, to: string, fullPage = false): void {
  if (fullPage && request.headers['hx-request']) {
    response.setHeader('HX-Redirect', to);
    response.status(204).end();
    return;
  }
  response.redirect(303, to);
}

export function flash(request: Request, kind: Flash['kind'], text: string): void {
  request.session.flash = { kind, text };
}

/** Only paths of this console, so a `kembali` parameter cannot send the user elsewhere. */
export function localPath(candidate: unknown, fallback: string): string {
  return typeof candidate === 'string' && /^\/(?![/\\])/.test(candidate) ? candidate : fallback;
}

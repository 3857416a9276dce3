import 'express-session';

export interface Flash {
  kind: 'success' | 'error';
  text: string;
}

declare module 'express-session' {
  interface SessionData {
    userId: string;
    flash: Flash;
    /** The row errors of the last refused CSV import, for the downloadable error list. */
    importErrors: { row: number; column: string | null; message: string }[];
    /** The language chosen before signing in (signed-in users have their own). */
    language: string;
  }
}

import 'express-session';

export interface Flash {
  kind: 'success' | 'error';
  text: string;
}

declare module 'express-session' {
  interface SessionData {
    userId: string;
    flash: Flash;
    /** The language chosen before signing in (signed-in users have their own). */
    language: string;
  }
}

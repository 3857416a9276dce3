import 'express-session';

export interface Flash {
  kind: 'success' | 'error';
  text: string;
}

export interface FormState {
  /** Which form (its path): another form does not pick up these entries. */
  form: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

declare module 'express-session' {
  interface SessionData {
    userId: string;
    flash: Flash;
    /** The row errors of the last refused CSV import, for the downloadable error list. */
    importErrors: { row: number; column: string | null; message: string }[];
    /** A refused form's entries and the service's problems by field, shown once when the form is drawn again. */
    formState: FormState;
    /** The language chosen before signing in (signed-in users have their own). */
    language: string;
  }
}

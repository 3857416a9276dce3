import { baseEnvSchema } from '@koperasi/platform';
import { z } from 'zod';

const serviceUrl = (port: number) => z.url().default(`http://localhost:${port}`);

/** The console's settings: the services it calls, sessions, sign-in limits, the office's time zone. */
export const consoleEnvSchema = baseEnvSchema.extend({
  PORT: baseEnvSchema.shape.PORT.default(3000),
  REGISTRY_URL: serviceUrl(3001),
  MENTORING_URL: serviceUrl(3002),
  DISSOLUTION_URL: serviceUrl(3003),
  /** Signs the session cookie; must be set (16+ characters) in production. */
  SESSION_SECRET: z.string().min(16).default('development-session-secret'),
  /** A session unused this long ends; the next request goes back to the sign-in page. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Lifetime of the token the console signs for each call to a service on behalf of the user. */
  SERVICE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(5).max(600).default(60),
  /** Failed sign-ins of one username after which each further try is slowed (one second per failure). */
  SIGN_IN_SLOW_AFTER: z.coerce.number().int().min(1).max(100).default(3),
  /** Failed sign-ins of one username after which it is locked for SIGN_IN_LOCK_MINUTES. */
  SIGN_IN_LOCK_AFTER: z.coerce.number().int().min(1).max(100).default(5),
  SIGN_IN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** IANA time zone every time on a page is shown in (WIB). */
  OFFICE_TIME_ZONE: z
    .string()
    .default('Asia/Jakarta')
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('id-ID', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Jakarta'),
  /** Marks the session cookie Secure (behind HTTPS). */
  SECURE_COOKIES: z.stringbool().default(false),
});

export type ConsoleConfig = z.infer<typeof consoleEnvSchema>;

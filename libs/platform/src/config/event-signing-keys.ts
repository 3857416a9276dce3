import { z } from 'zod';

/** Development keys, one per producing service: public, so refused in production. */
export const DEVELOPMENT_EVENT_SIGNING_KEYS = Object.fromEntries(
  ['registry', 'mentoring', 'dissolution', 'console'].map((service) => [
    service,
    `development-event-key-${service}-change-me`,
  ]),
);

/** A production key is at least this long (32 characters: 192 bits or more of a random base64 key). */
export const MIN_PRODUCTION_SIGNING_KEY_LENGTH = 32;

const serialise = (keys: Record<string, string>) =>
  Object.entries(keys)
    .map(([service, key]) => `${service}=${key}`)
    .join(',');

/**
 * `EVENT_SIGNING_KEYS`: `service=key,service=key,...`, the HMAC key of every producing service.
 * A service signs what it publishes with its own entry and verifies what it consumes with its
 * producer's, so every service gets the same value.
 */
export const eventSigningKeysSetting = z
  .string()
  .default(serialise(DEVELOPMENT_EVENT_SIGNING_KEYS))
  .transform((text, context) => {
    const keys: Record<string, string> = {};
    for (const entry of text.split(',').map((part) => part.trim())) {
      const match = /^([a-z][a-z0-9-]*)=(\S+)$/.exec(entry);
      if (!match) {
        context.addIssue({ code: 'custom', message: 'must be service=key pairs separated by commas' });
        return z.NEVER;
      }
      keys[match[1]] = match[2];
    }
    return keys;
  });

/** In production, every key must be the operator's own and long enough (as the JWT secret). */
export function developmentSigningKeyProblems(env: {
  NODE_ENV?: string;
  EVENT_SIGNING_KEYS?: Record<string, string>;
}): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const defaults = new Set(Object.values(DEVELOPMENT_EVENT_SIGNING_KEYS));
  return Object.entries(env.EVENT_SIGNING_KEYS ?? {}).flatMap(([service, key]) => {
    const problem = defaults.has(key)
      ? 'is the public development key'
      : key.length < MIN_PRODUCTION_SIGNING_KEY_LENGTH
        ? `is shorter than ${MIN_PRODUCTION_SIGNING_KEY_LENGTH} characters`
        : null;
    return problem
      ? [`EVENT_SIGNING_KEYS: the key of ${service} ${problem}; set a random key per service in production`]
      : [];
  });
}

import jwt from 'jsonwebtoken';
import type { Role } from '@koperasi/contracts';
import { type BaseEnv, baseEnvSchema, parseEnvironment } from '../config/service-config';
import type { TokenClaims } from './authenticated-user';

/** What signs and checks a token: the shared secret and the issuer and audience every token must name. */
export type TokenSettings = Pick<BaseEnv, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE'>;

const tokenEnvSchema = baseEnvSchema.pick({ NODE_ENV: true, JWT_SECRET: true, JWT_ISSUER: true, JWT_AUDIENCE: true });

/** The token settings from an environment, with the services' defaults and production checks. */
export function tokenSettings(env: NodeJS.ProcessEnv = process.env): TokenSettings {
  return parseEnvironment(tokenEnvSchema, env);
}

/** Signs a token as the services expect it; used by the token command and by tests. */
export function signToken(
  settings: TokenSettings,
  user: { id: string; name?: string; roles: Role[] },
  ttlSeconds = 12 * 3600,
): string {
  const claims: Omit<TokenClaims, 'exp'> = { sub: user.id, name: user.name ?? user.id, roles: user.roles };
  return jwt.sign(claims, settings.JWT_SECRET, {
    algorithm: 'HS256',
    expiresIn: ttlSeconds,
    issuer: settings.JWT_ISSUER,
    audience: settings.JWT_AUDIENCE,
  });
}

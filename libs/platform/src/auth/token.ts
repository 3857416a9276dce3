import jwt from 'jsonwebtoken';
import type { Role } from '@koperasi/contracts';
import type { TokenClaims } from './authenticated-user';

/** Signs a token as the services expect it; used by the token command and by tests. */
export function signToken(
  secret: string,
  user: { id: string; name?: string; roles: Role[] },
  ttlSeconds = 12 * 3600,
): string {
  const claims: TokenClaims = { sub: user.id, name: user.name ?? user.id, roles: user.roles };
  return jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: ttlSeconds });
}

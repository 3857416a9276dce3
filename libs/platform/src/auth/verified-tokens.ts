import type { AuthenticatedUser } from './authenticated-user';

interface Entry {
  user: AuthenticatedUser;
  expiresAtMs: number;
}

/**
 * Tokens already verified, by their exact text, each until its own expiry: checking the signature
 * and parsing the claims again gives the same answer until then. The console mints one token per
 * user and second, so a page's requests share one. Bounded: the least recently used goes first.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The user of a token verified before and not expired since (jsonwebtoken: expired from `exp`
   * on), as a copy: a request may not change what the next one is given.
   */
  get(token: string): AuthenticatedUser | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    if (this.now() >= entry.expiresAtMs) return undefined;
    this.entries.set(token, entry);
    return { ...entry.user, roles: [...entry.user.roles] };
  }

  set(token: string, user: AuthenticatedUser, expSeconds: number): void {
    this.entries.delete(token);
    this.entries.set(token, { user, expiresAtMs: expSeconds * 1000 });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }
}

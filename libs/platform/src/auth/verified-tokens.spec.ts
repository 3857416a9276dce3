import type { AuthenticatedUser } from './authenticated-user';
import { VerifiedTokens } from './verified-tokens';

const user = (id: string): AuthenticatedUser => ({ id, name: id, roles: ['officer'] });

describe('VerifiedTokens', () => {
  it('answers a token until the second of its expiry, then forgets it', () => {
    let now = 1_000_000;
    const tokens = new VerifiedTokens(10, () => now);
    tokens.set('t1', user('a'), 1_005); // exp in seconds: valid before 1,005,000 ms
    expect(tokens.get('t1')).toEqual(user('a'));
    now = 1_004_999;
    expect(tokens.get('t1')).toEqual(user('a'));
    now = 1_005_000;
    expect(tokens.get('t1')).toBeUndefined();
    now = 1_000_000;
    expect(tokens.get('t1')).toBeUndefined();
  });

  it('hands out copies, so a request cannot change the user the next one is given', () => {
    const tokens = new VerifiedTokens(10, () => 0);
    tokens.set('t1', user('a'), 10);
    tokens.get('t1')!.roles.push('admin');
    expect(tokens.get('t1')!.roles).toEqual(['officer']);
  });

  it('keeps at most its bound, dropping the least recently used token', () => {
    const tokens = new VerifiedTokens(2, () => 0);
    tokens.set('t1', user('a'), 10);
    tokens.set('t2', user('b'), 10);
    tokens.get('t1');
    tokens.set('t3', user('c'), 10);
    expect(tokens.get('t2')).toBeUndefined();
    expect(tokens.get('t1')).toEqual(user('a'));
    expect(tokens.get('t3')).toEqual(user('c'));
  });
});

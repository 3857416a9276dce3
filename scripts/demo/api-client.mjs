// A small HTTP client for scripts: calls a service as a user with role tokens.
import { platform } from '../services.mjs';

export function tokenFor(id, roles, name = id) {
  const { signToken, tokenSettings } = platform();
  return signToken(tokenSettings(), { id, name, roles });
}

export function client(baseUrl, user) {
  const authorization = `Bearer ${tokenFor(user.id, user.roles, user.name)}`;
  const call = async (method, path, body, { expect = [200, 201, 202] } = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    if (!expect.includes(response.status)) {
      throw new Error(
        `${method} ${path} answered ${response.status}: ${typeof parsed === 'string' ? parsed : JSON.stringify(parsed)}`,
      );
    }
    return parsed;
  };
  return {
    get: (path, options) => call('GET', path, undefined, options),
    post: (path, body = {}, options) => call('POST', path, body, options),
    patch: (path, body, options) => call('PATCH', path, body, options),
  };
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inBatches(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  });
  await Promise.all(runners);
  return results;
}

export async function until(probe, what, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

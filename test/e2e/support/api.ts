import type { Role } from '@koperasi/contracts';
import { bearer } from '@koperasi/testing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read loosely in tests
export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

/** A user of the system calling a service over HTTP with a role token. */
export function as(roles: Role[], id = `${roles[0]}-1`, extraHeaders: Record<string, string> = {}) {
  const headers = { Authorization: bearer(roles, id), 'Content-Type': 'application/json', ...extraHeaders };
  const call = async (method: string, url: string, body?: unknown): Promise<ApiResponse> => {
    const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return {
      status: response.status,
      body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
    };
  };
  return {
    id,
    get: (url: string) => call('GET', url),
    post: (url: string, body: unknown = {}) => call('POST', url, body),
    patch: (url: string, body: unknown) => call('PATCH', url, body),
    put: (url: string, body: unknown) => call('PUT', url, body),
  };
}

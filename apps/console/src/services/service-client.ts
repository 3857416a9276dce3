import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ServiceName } from '@koperasi/contracts';
import { CORRELATION_HEADER, currentCorrelationId, SERVICE_CONFIG, signToken } from '@koperasi/platform';
import type { User } from '../accounts/user.entity';
import type { ConsoleConfig } from '../config';

/** A service answered with an error body; its code and message are shown to the user, translated when known. */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

type RequestBody = NonNullable<Parameters<typeof fetch>[1]>['body'];
export type Query = Record<string, string | number | boolean | undefined | null>;

/**
 * Calls the three services on behalf of the signed-in user: each request carries a token signed
 * for that user alone (id, name, roles) that lives SERVICE_TOKEN_TTL_SECONDS, so the services'
 * role, scope and four-eyes checks keep deciding. There is no shared super-token.
 */
@Injectable()
export class ServiceClient {
  private readonly logger = new Logger(ServiceClient.name);
  private readonly urls: Record<ServiceName, string>;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ConsoleConfig) {
    this.urls = { registry: config.REGISTRY_URL, mentoring: config.MENTORING_URL, dissolution: config.DISSOLUTION_URL };
  }

  get<T>(user: User, service: ServiceName, path: string, query: Query = {}): Promise<T> {
    return this.request<T>(user, service, 'GET', withQuery(path, query));
  }

  post<T>(user: User, service: ServiceName, path: string, body: object = {}): Promise<T> {
    return this.request<T>(user, service, 'POST', path, body);
  }

  put<T>(user: User, service: ServiceName, path: string, body: object = {}): Promise<T> {
    return this.request<T>(user, service, 'PUT', path, body);
  }

  patch<T>(user: User, service: ServiceName, path: string, body: object = {}): Promise<T> {
    return this.request<T>(user, service, 'PATCH', path, body);
  }

  /** The raw answer (CSV downloads, uploads); errors are thrown like the JSON calls'. */
  async fetch(
    user: User,
    service: ServiceName,
    path: string,
    init: { method?: string; body?: RequestBody; contentType?: string } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.tokenFor(user)}`,
      [CORRELATION_HEADER]: currentCorrelationId() ?? '',
    };
    if (init.contentType) headers['content-type'] = init.contentType;
    const response = await fetch(`${this.urls[service]}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body,
    });
    if (!response.ok) throw await errorOf(response);
    return response;
  }

  private async request<T>(user: User, service: ServiceName, method: string, path: string, body?: object): Promise<T> {
    const response = await this.fetch(user, service, path, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      contentType: body === undefined ? undefined : 'application/json',
    }).catch((error: unknown) => {
      if (!(error instanceof ServiceError)) this.logger.error({ err: error, service, path }, 'Service unreachable');
      throw error instanceof ServiceError
        ? error
        : new ServiceError(503, 'SERVICE_UNAVAILABLE', `${service} unreachable`);
    });
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private tokenFor(user: User): string {
    return signToken(
      this.config,
      { id: user.id, name: user.fullName, roles: user.roles },
      this.config.SERVICE_TOKEN_TTL_SECONDS,
    );
  }
}

export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function errorOf(response: Response): Promise<ServiceError> {
  const body = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string; details?: Record<string, unknown> };
  } | null;
  return new ServiceError(
    response.status,
    body?.error?.code ?? 'SERVICE_ERROR',
    body?.error?.message ?? response.statusText,
    body?.error?.details ?? {},
  );
}

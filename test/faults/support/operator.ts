import type { ServiceName } from '@koperasi/contracts';
import { as, type ApiResponse } from '../../e2e/support/api';
import type { FaultCity } from './fault-city';
import { poll } from './workload';

/** The operator of a scenario: acts on dead letters through the services' admin API, as a person would. */
export const admin = as(['admin'], 'admin-1');

export interface DeadLetterView {
  id: string;
  eventId: string | null;
  errorCode: string;
  resolvedAt: string | null;
}

/** The open dead letter of an event on a service's list (GET /admin/dead-letters), once it is there. */
export async function openDeadLetter(
  city: FaultCity,
  service: ServiceName,
  eventId: string,
  errorCode?: string,
): Promise<DeadLetterView | undefined> {
  return poll(async () => {
    const page = await admin.get(`${city.urls[service]}/admin/dead-letters?limit=100`);
    expect(page.status).toBe(200);
    return (page.body.items as DeadLetterView[]).find(
      (letter) => letter.eventId === eventId && (errorCode === undefined || letter.errorCode === errorCode),
    );
  });
}

/** POST /admin/dead-letters/:id/retry on the service that holds the letter. */
export function retryDeadLetter(city: FaultCity, service: ServiceName, id: string): Promise<ApiResponse> {
  return admin.post(`${city.urls[service]}/admin/dead-letters/${id}/retry`);
}

export function dismissDeadLetter(
  city: FaultCity,
  service: ServiceName,
  id: string,
  reason: string,
): Promise<ApiResponse> {
  return admin.post(`${city.urls[service]}/admin/dead-letters/${id}/dismiss`, { reason });
}

import type { User } from '../accounts/user.entity';
import type { ServiceClient } from '../services/service-client';

export interface Officer {
  id: string;
  name: string;
  kecamatan: string | null;
  openCases: number;
}

/**
 * The assignment pickers' officers as mentoring knows them (its user read model: active officers,
 * by kecamatan, with their open cases), so the picker offers exactly whom the service accepts.
 */
export async function activeOfficers(services: ServiceClient, user: User, kecamatan?: string): Promise<Officer[]> {
  const answer = await services.get<{ items: Officer[] }>(user, 'mentoring', '/officers', { kecamatan });
  return answer.items;
}

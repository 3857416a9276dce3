import type { Tx } from '@koperasi/platform';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { cooperativeNotEligible } from './proceedings.errors';

/** The registry status each step needs, as this service's read model knows it. */
export const STATUS_NEEDED = {
  OPEN: ['INACTIVE'],
  PROPOSE: ['INACTIVE'],
  APPROVE: ['INACTIVE'],
  RECORD_DECREE: ['IN_DISSOLUTION'],
} as const;

/** Refuses (422 COOPERATIVE_NOT_ELIGIBLE) when the read model has the cooperative in another status. */
export async function assertCooperativeStatus(
  tx: Tx,
  cooperativeId: string,
  action: keyof typeof STATUS_NEEDED,
): Promise<Cooperative | null> {
  const cooperative = await tx.manager.findOne(Cooperative, { where: { cooperativeId } });
  const allowed: readonly string[] = STATUS_NEEDED[action];
  if (!cooperative?.status || !allowed.includes(cooperative.status)) {
    throw cooperativeNotEligible(cooperativeId, action, cooperative?.status ?? null, allowed);
  }
  return cooperative;
}

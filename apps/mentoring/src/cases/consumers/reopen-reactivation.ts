import type { Tx } from '@koperasi/platform';
import type { CooperativeReadModel } from '../../cooperatives/cooperative-read-model';
import type { CaseLifecycle } from '../case-lifecycle.service';

/**
 * A cooperative coming back from a dissolution proceeding (rejected, withdrawn, objection upheld)
 * gets its reactivation case at this priority, whichever event arrives first.
 */
export const BACK_FROM_DISSOLUTION_PRIORITY = 'HIGH' as const;

/**
 * A dissolution that will not happen sends the cooperative back to mentoring: a new reactivation
 * case, if none is open and the read model still has it INACTIVE or IN_DISSOLUTION.
 */
export async function reopenReactivation(
  tx: Tx,
  readModel: CooperativeReadModel,
  cases: CaseLifecycle,
  cooperativeId: string,
  reason: string,
): Promise<void> {
  const cooperative = await readModel.ensure(tx, cooperativeId);
  if (cooperative.status !== 'INACTIVE' && cooperative.status !== 'IN_DISSOLUTION') return;
  await cases.openMany(tx, [{ cooperativeId, type: 'REACTIVATION', priority: BACK_FROM_DISSOLUTION_PRIORITY, reason }]);
}

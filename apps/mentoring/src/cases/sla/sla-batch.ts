import { SYSTEM_ACTOR } from '@koperasi/contracts';
import type { Deadline, Tx, WriteContext } from '@koperasi/platform';
import { In, Not } from 'typeorm';
import { Case } from '../case.entity';

/** The open cases of a batch of SLA deadlines, locked, each with the context of its deadline. */
export async function lockOpenCases(tx: Tx, deadlines: Deadline[]): Promise<{ found: Case; context: WriteContext }[]> {
  const cases = await tx.manager.find(Case, {
    where: { id: In(deadlines.map((deadline) => deadline.subjectId)), status: Not('CLOSED') },
    order: { id: 'ASC' },
    lock: { mode: 'pessimistic_write' },
  });
  const correlation = new Map(deadlines.map((deadline) => [deadline.subjectId, deadline.correlationId]));
  return cases.map((found) => ({
    found,
    context: { actor: SYSTEM_ACTOR, correlationId: correlation.get(found.id) ?? null },
  }));
}

/** Stamps the cases in one statement (the version moves as with a save). */
export async function stampCases(
  tx: Tx,
  cases: Case[],
  stamp: Partial<Pick<Case, 'remindedAt' | 'escalatedAt'>>,
): Promise<void> {
  await tx.manager
    .createQueryBuilder()
    .update(Case)
    .set(stamp)
    .whereInIds(cases.map((found) => found.id))
    .execute();
}

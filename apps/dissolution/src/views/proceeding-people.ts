import type { NameOf } from '@koperasi/platform';
import type { Proceeding } from '../proceedings/proceeding.entity';

/** Everyone a proceeding names: who opened, proposed, approved, recorded, decided and closed. */
export function proceedingPeople(proceeding: Proceeding): (string | null | undefined)[] {
  return [
    proceeding.openedBy,
    proceeding.proposedBy,
    proceeding.approvedBy,
    proceeding.closedBy,
    proceeding.notice?.recordedBy,
    proceeding.objection?.recordedBy,
    proceeding.objectionDecision?.decidedBy,
    proceeding.decree?.recordedBy,
  ];
}

/** The names beside the ids, one `<field>Name` per person field (the facts keep their own inside). */
export function namesOfPeople(proceeding: Proceeding, nameOf: NameOf) {
  const withName = <T extends object>(facts: T | null, field: keyof T & string) =>
    facts ? { ...facts, [`${field}Name`]: nameOf(facts[field] as string) } : null;
  return {
    openedByName: nameOf(proceeding.openedBy),
    proposedByName: nameOf(proceeding.proposedBy),
    approvedByName: nameOf(proceeding.approvedBy),
    closedByName: nameOf(proceeding.closedBy),
    notice: withName(proceeding.notice, 'recordedBy'),
    objection: withName(proceeding.objection, 'recordedBy'),
    objectionDecision: withName(proceeding.objectionDecision, 'decidedBy'),
    decree: withName(proceeding.decree, 'recordedBy'),
  };
}

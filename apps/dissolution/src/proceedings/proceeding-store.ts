import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type Tx } from '@koperasi/platform';
import type { DissolutionConfig } from '../config';
import { nextDue } from './next-due';
import { Proceeding } from './proceeding.entity';
import { isClosed, moveStep, type ProceedingAction } from './proceeding-step';
import { proceedingNotFound, staleVersion, stepNotAllowed } from './proceedings.errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ProceedingPatch = Partial<
  Omit<Proceeding, 'id' | 'cooperativeId' | 'step' | 'version' | 'createdAt' | 'updatedAt'>
>;

export interface AuditNote {
  action: string;
  reason?: string | null;
  /** Facts for the timeline; defaults to the patch. */
  details?: object;
}

/**
 * Reads and writes proceedings. Every write is a conditional UPDATE on `version`: of two
 * concurrent writers the second matches no row and gets 409 STALE_VERSION.
 */
@Injectable()
export class ProceedingStore {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: DissolutionConfig) {}

  async load(tx: Tx, id: string, expectedVersion?: number): Promise<Proceeding> {
    if (!UUID.test(id)) throw proceedingNotFound(id);
    const proceeding = await tx.manager.findOne(Proceeding, { where: { id } });
    if (!proceeding) throw proceedingNotFound(id);
    if (expectedVersion !== undefined && expectedVersion !== proceeding.version) {
      throw staleVersion(id, expectedVersion, proceeding.version);
    }
    return proceeding;
  }

  findOpen(tx: Tx, cooperativeId: string): Promise<Proceeding | null> {
    return tx.manager
      .createQueryBuilder(Proceeding, 'p')
      .where('p.cooperative_id = :cooperativeId AND p.closed_at IS NULL', { cooperativeId })
      .getOne();
  }

  /** Which of `cooperativeIds` have an open proceeding, in one query. */
  async withOpenProceeding(tx: Tx, cooperativeIds: string[]): Promise<Set<string>> {
    const rows: { cooperative_id: string }[] = await tx.manager.query(
      `SELECT cooperative_id FROM proceedings WHERE cooperative_id = ANY($1::varchar[]) AND closed_at IS NULL`,
      [cooperativeIds],
    );
    return new Set(rows.map((row) => row.cooperative_id));
  }

  async open(
    tx: Tx,
    fields: Pick<Proceeding, 'cooperativeId' | 'openedBy' | 'proposalAuthors' | 'grounds' | 'evidence'>,
    audit: AuditNote,
  ): Promise<Proceeding> {
    const due = nextDue({ step: 'DRAFT', noticeReceivedOn: null, objectionReceivedOn: null, creditorNoticeOn: null });
    const proceeding = tx.manager.create(Proceeding, {
      ...fields,
      step: 'DRAFT',
      version: 1,
      objections: [],
      lateActs: [],
      nextAction: due?.action ?? null,
      nextDueOn: due?.dueOn ?? null,
      nextDueBinding: due?.binding ?? false,
    });
    await tx.manager.save(proceeding);
    await tx.audit({
      action: audit.action,
      entityType: 'Proceeding',
      entityId: proceeding.id,
      after: { step: 'DRAFT', cooperativeId: fields.cooperativeId, ...(audit.details ?? {}) },
      reason: audit.reason ?? null,
    });
    return proceeding;
  }

  /** Moves the proceeding by the state machine (or refuses with 409 and the current step), with its facts. */
  async apply(
    tx: Tx,
    proceeding: Proceeding,
    action: ProceedingAction,
    patch: ProceedingPatch,
    audit: AuditNote,
  ): Promise<Proceeding> {
    const move = moveStep(proceeding.step, action);
    if (!move.ok) throw stepNotAllowed(proceeding.step, action, move.allowed);
    const closing = isClosed(move.to) ? { closedAt: new Date() } : {};
    return this.write(tx, proceeding, { ...patch, ...closing }, move.to, audit);
  }

  /** Changes facts that belong to no step (evidence from events, review flags). */
  patchFacts(tx: Tx, proceeding: Proceeding, patch: ProceedingPatch, audit: AuditNote): Promise<Proceeding> {
    return this.write(tx, proceeding, patch, proceeding.step, audit);
  }

  private async write(
    tx: Tx,
    proceeding: Proceeding,
    patch: ProceedingPatch,
    step: Proceeding['step'],
    audit: AuditNote,
  ): Promise<Proceeding> {
    const merged: Proceeding = { ...proceeding, ...patch, step };
    const due = isClosed(step) ? null : nextDue(merged);
    const changes = {
      ...patch,
      step,
      nextAction: due?.action ?? null,
      nextDueOn: due?.dueOn ?? null,
      nextDueBinding: due?.binding ?? false,
    };
    const result = await tx.manager
      .createQueryBuilder()
      .update(Proceeding)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: proceeding.id, version: proceeding.version })
      .execute();
    if (result.affected !== 1) throw staleVersion(proceeding.id, proceeding.version);
    await tx.audit({
      action: audit.action,
      entityType: 'Proceeding',
      entityId: proceeding.id,
      before: { step: proceeding.step, version: proceeding.version },
      after: { step, version: proceeding.version + 1, ...(audit.details ?? patch) },
      reason: audit.reason ?? null,
    });
    return { ...merged, ...changes, version: proceeding.version + 1 };
  }
}

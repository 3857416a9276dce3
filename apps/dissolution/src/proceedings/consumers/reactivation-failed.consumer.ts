import { Logger } from '@nestjs/common';
import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, type EventConsumer, type Tx } from '@koperasi/platform';
import { ensureCooperative } from '../../cooperatives/cooperative-read-model';
import type { MentoringEvidence } from '../proceeding-facts';
import { ProceedingStore } from '../proceeding-store';

const TYPE = 'mentoring.reactivation-failed.v1';

/** A failed reactivation opens a draft with the mentoring evidence, or adds it to the open proceeding. */
@EventHandler(TYPE)
export class ReactivationFailedConsumer implements EventConsumer<typeof TYPE> {
  private readonly logger = new Logger(ReactivationFailedConsumer.name);

  constructor(private readonly store: ProceedingStore) {}

  async handle(event: EventEnvelope<typeof TYPE>, tx: Tx): Promise<void> {
    const { cooperativeId, caseId, outcome, evidenceNotes, closedBy, closedAt, activities } = event.data;
    const evidence: MentoringEvidence = { caseId, outcome, notes: evidenceNotes, closedBy, closedAt, activities };
    await ensureCooperative(tx, cooperativeId);
    const open = await this.store.findOpen(tx, cooperativeId);
    if (open) {
      if (open.evidence.mentoringHistory.some((item) => item.caseId === caseId)) return;
      await this.store.patchFacts(
        tx,
        open,
        { evidence: { ...open.evidence, mentoringHistory: [...open.evidence.mentoringHistory, evidence] } },
        { action: 'proceeding.mentoring-evidence-attached', details: { mentoringCaseId: caseId, outcome } },
      );
      this.logger.log({ proceedingId: open.id, caseId }, 'Mentoring evidence attached to the open proceeding');
      return;
    }
    const openedBy = event.actor?.id ?? closedBy;
    const proceeding = await this.store.open(
      tx,
      {
        cooperativeId,
        openedBy,
        proposalAuthors: [openedBy],
        grounds: [],
        evidence: { mentoringHistory: [evidence], documents: [] },
      },
      { action: 'proceeding.opened-from-failed-reactivation', details: { mentoringCaseId: caseId, outcome } },
    );
    this.logger.log(
      { proceedingId: proceeding.id, cooperativeId, caseId },
      'Draft proceeding opened after failed reactivation',
    );
  }
}

/** What a notification is about; clients render each kind with its params in the reader's language. */
export const NOTIFICATION_KINDS = [
  'PROPOSAL_AWAITS_APPROVAL',
  'OBJECTION_DECISION_DUE',
  'OBJECTION_DECISION_OVERDUE',
  'READY_FOR_DECREE',
  'PROCEEDING_FLAGGED',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationParams = Record<string, string | number | boolean | null>;

const TEXTS: Record<NotificationKind, (params: NotificationParams) => string> = {
  PROPOSAL_AWAITS_APPROVAL: (p) =>
    `The dissolution of ${p.cooperativeName} proposed by ${p.proposedBy} awaits approval`,
  OBJECTION_DECISION_DUE: (p) =>
    `An objection to the dissolution of ${p.cooperativeName} (received ${p.receivedOn}) must be decided by ${p.dueOn}`,
  OBJECTION_DECISION_OVERDUE: (p) =>
    `The objection to the dissolution of ${p.cooperativeName} was due to be decided by ${p.dueOn} and is still open`,
  READY_FOR_DECREE: (p) =>
    `The objection window for ${p.cooperativeName} closed with no objection; the decree is due by ${p.dueOn}`,
  PROCEEDING_FLAGGED: (p) => `The dissolution of ${p.cooperativeName} needs review: ${p.reason}`,
};

/** The English fallback text for clients that do not render the kind themselves. */
export const englishText = (kind: NotificationKind, params: NotificationParams): string => TEXTS[kind](params);

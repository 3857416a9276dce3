import type { DissolutionGround } from '@koperasi/contracts';

export const NOTICE_METHODS = ['REGISTERED_MAIL_BOARD', 'REGISTERED_MAIL_MEMBERS', 'POSTED_AT_OFFICE'] as const;
export type NoticeMethod = (typeof NOTICE_METHODS)[number];

export const OBJECTION_OUTCOMES = ['UPHELD', 'REJECTED'] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];

export interface DocumentRef {
  ref: string;
  title: string;
}

/** Step 1: the kelurahan head certifies the cooperative no longer operates. */
export interface FieldCheck {
  checkedOn: string;
  kelurahanOfficial: string;
  finding: string;
  letterRef?: string;
}

/** Step 2: debts to third parties. */
export interface DebtCheck {
  checkedOn: string;
  hasOutstandingDebts: boolean;
  notes?: string;
}

/** Evidence a failed reactivation brings with it (mentoring.reactivation-failed.v1). */
export interface MentoringEvidence {
  caseId: string;
  outcome: string;
  notes: string;
  closedBy: string;
  closedAt: string;
  activities: { kind: string; occurredOn: string; author: string; text: string }[];
}

export interface ProposalEvidence {
  fieldCheck?: FieldCheck;
  debtCheck?: DebtCheck;
  mentoringHistory: MentoringEvidence[];
  documents: DocumentRef[];
}

export interface NoticeFacts {
  method: NoticeMethod;
  sentOn: string;
  receivedOn: string;
  recipient?: string;
  recordedBy: string;
}

export interface ObjectionFacts {
  receivedOn: string;
  filedBy: string;
  grounds: string;
  documents: DocumentRef[];
  recordedBy: string;
}

export interface ObjectionDecisionFacts {
  outcome: ObjectionOutcome;
  reason: string;
  decidedBy: string;
  decidedOn: string;
}

export interface DecreeFacts {
  number: string;
  date: string;
  recordedBy: string;
}

export interface LiquidationFacts {
  creditorNoticeOn?: string;
  liquidators?: string[];
  liquidatorAppointedOn?: string;
  settlementReportedOn?: string;
  settlementSummary?: string;
}

export interface GazetteFacts {
  publishedOn: string;
  gazetteRef?: string;
}

export interface ReviewFlag {
  reason: string;
  ratId: string;
  fiscalYear: number;
  meetingDate: string;
  raisedAt: string;
}

/** The registry refused a status change this proceeding asked for (registry.status-change-refused.v1). */
export interface RegistryRefusal {
  refusedEventType: string;
  refusedEventId: string;
  expectedStatus: string;
  actualStatus: string;
  requestedStatus: string;
  reasonCode: string;
  reason: string;
  refusedAt: string;
}

export type Grounds = DissolutionGround[];

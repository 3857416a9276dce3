/**
 * What a notification is about. Stored with its parameters (cooperative name, case type, who, why)
 * so each client renders it in its reader's language; `message` is only an English fallback.
 */
export type NotificationParams = Record<string, string | number | boolean | null>;

const TEXTS = {
  CASE_OPENED: (p: NotificationParams) => `${p.caseType} case opened for ${p.cooperativeName}: ${p.reason}`,
  CASE_ASSIGNED: (p: NotificationParams) =>
    `${p.caseType} case of ${p.cooperativeName} assigned to you by ${p.by}: ${p.reason}`,
  CASE_UNASSIGNED: (p: NotificationParams) =>
    `${p.caseType} case of ${p.cooperativeName} reassigned to ${p.assigneeName}: ${p.reason}`,
  CASE_REOPENED: (p: NotificationParams) =>
    `${p.caseType} case of ${p.cooperativeName} reopened by ${p.by}: ${p.reason}`,
  CASE_CLOSED: (p: NotificationParams) =>
    `${p.caseType} case of ${p.cooperativeName} closed as ${p.outcome} by ${p.by}: ${p.reason}`,
  CASE_BACK_FROM_HOLD: (p: NotificationParams) => `${p.caseType} case of ${p.cooperativeName} is back from hold`,
  CASE_DUE_SOON: (p: NotificationParams) =>
    `${p.assigneeName ? '' : 'Unassigned '}${p.caseType} case of ${p.cooperativeName} is due on ${p.dueOn}`,
  CASE_OVERDUE: (p: NotificationParams) =>
    `${p.caseType} case of ${p.cooperativeName} is overdue since ${p.dueOn} (assigned to ${p.assigneeName ?? 'nobody'})`,
} satisfies Record<string, (params: NotificationParams) => string>;

export type NotificationKind = keyof typeof TEXTS;

/** The English fallback text for clients that do not render the kind themselves. */
export const englishText = (kind: NotificationKind, params: NotificationParams): string => TEXTS[kind](params);

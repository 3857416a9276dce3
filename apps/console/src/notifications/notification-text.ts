import { type Language, translate } from '../i18n/dictionary';
import type { Formatter } from '../i18n/format';
import { systemReason } from '../i18n/system-reasons';

/** A mentoring notification as the service answers it: a kind with its parameters, and an English fallback. */
export interface NotificationNotice {
  kind: string;
  params: Record<string, string | number | boolean | null>;
  message: string;
}

/** The notification in the reader's language; the service's English text only for a kind this console does not know. */
export function notificationText(notice: NotificationNotice, language: Language, format: Formatter): string {
  const key = `notification.${notice.kind}`;
  const { caseType, outcome, dueOn, assigneeName, reason } = notice.params;
  const text = translate(language, key, {
    ...notice.params,
    caseType: translate(language, `caseType.${caseType}`),
    outcome: translate(language, `outcome.${outcome}`),
    dueOn: typeof dueOn === 'string' ? format.date(dueOn) : dueOn,
    assigneeName: assigneeName ?? translate(language, 'notification.nobody'),
    reason: typeof reason === 'string' ? systemReason(language, reason, (iso) => format.date(iso)) : reason,
  });
  return text === key ? notice.message : text;
}

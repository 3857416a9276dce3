/** One form per statutory step: the console's path segment, the service's action and call, the body from the form. */
type Form = Record<string, string | string[] | undefined>;

export interface StepForm {
  action: string;
  method: 'post' | 'patch';
  path: string;
  successKey: string;
  body(form: Form): Record<string, unknown>;
}

const text = (form: Form, name: string) => String(form[name] ?? '').trim();
const optional = (form: Form, name: string) => text(form, name) || undefined;
const reason = (form: Form) => ({ reason: text(form, 'reason') });

export const STEP_FORMS: Record<string, StepForm> = {
  usulan: {
    action: 'EDIT_PROPOSAL',
    method: 'patch',
    path: 'proposal',
    successKey: 'proceeding.saved',
    body: (form) => ({
      grounds: ([] as string[]).concat(form.grounds ?? []),
      fieldCheck: {
        checkedOn: text(form, 'fieldCheckedOn'),
        kelurahanOfficial: text(form, 'kelurahanOfficial'),
        finding: text(form, 'finding'),
      },
      debtCheck: { checkedOn: text(form, 'debtCheckedOn'), hasOutstandingDebts: form.hasOutstandingDebts === 'true' },
    }),
  },
  usulkan: { action: 'PROPOSE', method: 'post', path: 'propose', successKey: 'proceeding.proposed', body: () => ({}) },
  setujui: { action: 'APPROVE', method: 'post', path: 'approve', successKey: 'proceeding.approved', body: () => ({}) },
  tolak: { action: 'REJECT', method: 'post', path: 'reject', successKey: 'proceeding.rejected', body: reason },
  tarik: { action: 'WITHDRAW', method: 'post', path: 'withdraw', successKey: 'proceeding.withdrawn', body: reason },
  pemberitahuan: {
    action: 'RECORD_NOTICE',
    method: 'post',
    path: 'notice',
    successKey: 'proceeding.saved',
    body: (form) => ({
      method: text(form, 'method'),
      sentOn: text(form, 'sentOn'),
      receivedOn: text(form, 'receivedOn'),
      recipient: optional(form, 'recipient'),
    }),
  },
  keberatan: {
    action: 'RECORD_OBJECTION',
    method: 'post',
    path: 'objection',
    successKey: 'proceeding.saved',
    body: (form) => ({
      receivedOn: text(form, 'receivedOn'),
      filedBy: text(form, 'filedBy'),
      grounds: text(form, 'objectionGrounds'),
    }),
  },
  'putusan-keberatan': {
    action: 'UPHOLD_OBJECTION',
    method: 'post',
    path: 'objection/decision',
    successKey: 'proceeding.saved',
    body: (form) => ({ outcome: text(form, 'outcome'), reason: text(form, 'reason') }),
  },
  keputusan: {
    action: 'RECORD_DECREE',
    method: 'post',
    path: 'decree',
    successKey: 'proceeding.saved',
    body: (form) => ({ number: text(form, 'number'), date: text(form, 'date') }),
  },
  kreditur: {
    action: 'RECORD_CREDITOR_NOTICE',
    method: 'post',
    path: 'creditor-notice',
    successKey: 'proceeding.saved',
    body: (form) => ({
      noticeOn: text(form, 'noticeOn'),
      liquidators: text(form, 'liquidators')
        .split(/[\n,]/)
        .map((name) => name.trim())
        .filter(Boolean),
      liquidatorAppointedOn: text(form, 'liquidatorAppointedOn'),
    }),
  },
  'laporan-penyelesaian': {
    action: 'FINISH_LIQUIDATION',
    method: 'post',
    path: 'settlement-report',
    successKey: 'proceeding.saved',
    body: (form) => ({ reportedOn: text(form, 'reportedOn'), summary: text(form, 'summary') }),
  },
  'berita-negara': {
    action: 'PUBLISH_GAZETTE',
    method: 'post',
    path: 'gazette',
    successKey: 'proceeding.saved',
    body: (form) => ({ publishedOn: text(form, 'publishedOn'), gazetteRef: optional(form, 'gazetteRef') }),
  },
  'tanda-tinjau': {
    action: 'CLEAR_REVIEW_FLAG',
    method: 'post',
    path: 'review-flag/clear',
    successKey: 'proceeding.saved',
    body: reason,
  },
};

/** The version the page was read at, so a change by someone else in between is refused (STALE_VERSION). */
export function versionOf(form: Form): number | undefined {
  const version = Number.parseInt(text(form, 'version'), 10);
  return Number.isInteger(version) && version > 0 ? version : undefined;
}

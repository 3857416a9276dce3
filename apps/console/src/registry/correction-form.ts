import { type Language, translate } from '../i18n/dictionary';
import type { ServiceError } from '../services/service-client';
import type { SignedInRequest } from '../web/access';

const text = (value: unknown) => String(value ?? '').trim();
const numberOrText = (value: string) => (/^\d+$/.test(value) ? Number(value) : value || undefined);

/** The registry's AmendRatDto from the posted correction form: every field as shown, and the reason. */
export function ratCorrectionBody(form: Record<string, string>) {
  return {
    meetingDate: text(form.meetingDate) || undefined,
    reportedDate: text(form.reportedDate) || undefined,
    membersPresent: numberOrText(text(form.membersPresent)),
    membersTotal: numberOrText(text(form.membersTotal)),
    accountabilityReportReceived: form.accountabilityReportReceived === 'true',
    financialStatementsReceived: form.financialStatementsReceived === 'true',
    workPlanReceived: form.workPlanReceived === 'true',
    reason: text(form.reason),
  };
}

const RULE_FIELDS: Record<string, string> = {
  MEETING_BEFORE_FISCAL_YEAR_END: 'meetingDate',
  REPORTED_BEFORE_MEETING: 'reportedDate',
  MEMBERS_PRESENT_EXCEED_TOTAL: 'membersPresent',
};

/** A refusal of a RAT correction as problems beside the fields it concerns, in the user's language. */
export function ratCorrectionErrors(language: Language, error: ServiceError): Record<string, string> {
  const fields = ((error.details as { fields?: { field: string }[] }).fields ?? []).map(({ field }) => field);
  switch (error.code) {
    case 'VALIDATION_FAILED':
      return Object.fromEntries(fields.map((field) => [field, fieldProblem(language, field)]));
    case 'DATE_IN_FUTURE':
      return Object.fromEntries(fields.map((field) => [field, translate(language, 'code.DATE_IN_FUTURE')]));
    default:
      return RULE_FIELDS[error.code]
        ? { [RULE_FIELDS[error.code]]: translate(language, `correction.${error.code}`) }
        : {};
  }
}

function fieldProblem(language: Language, field: string): string {
  return translate(language, field === 'reason' ? 'correction.reasonRequired' : 'health.error.invalid');
}

/** What was typed and what was refused, kept for the form at `path` after the redirect. */
export function keepForm(
  request: SignedInRequest,
  path: string,
  form: Record<string, string>,
  errors: Record<string, string>,
): void {
  const { _csrf: _token, ...values } = form;
  request.session.formState = { form: path, values, errors };
}

/** The form's entries and problems kept for `path`, once (a reload shows the recorded values again). */
export function takeForm(request: SignedInRequest, path: string) {
  const state = request.session.formState?.form === path ? request.session.formState : undefined;
  delete request.session.formState;
  return { values: state?.values, errors: state?.errors ?? {} };
}

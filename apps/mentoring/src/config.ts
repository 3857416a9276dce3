import { baseEnvSchema } from '@koperasi/platform';
import { z } from 'zod';
import { CASE_TYPES, type CaseType } from './cases/case-types';

/** A JSON-valued setting with a default, validated at boot like every other variable. */
const jsonSetting = <S extends z.ZodType>(schema: S, fallback: z.input<S>) =>
  z
    .string()
    .default(JSON.stringify(fallback))
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const perCaseType = <S extends z.ZodType>(value: S) => z.partialRecord(z.enum(CASE_TYPES), value);

const checklistStep = z.strictObject({ code: z.string().regex(/^[A-Z0-9_]+$/), label: z.string().min(1) });

/** Service levels in days per case type (office practice, so a setting). */
const DEFAULT_SLA_DAYS: Record<CaseType, number> = {
  INSTITUTIONAL: 60,
  FINANCIAL_REPORTING: 45,
  RAT_PREPARATION: 60,
  INTERNAL_DISPUTE: 30,
  REACTIVATION: 180,
  SUPERVISION_FOLLOW_UP: 90,
};

const DEFAULT_CHECKLISTS: Record<CaseType, { code: string; label: string }[]> = {
  INSTITUTIONAL: [
    { code: 'REVIEW_ARTICLES', label: 'Review the articles of association' },
    { code: 'CHECK_OFFICERS', label: 'Check the board and supervisory board' },
    { code: 'CHECK_LEGAL_STATUS', label: 'Check the legal status and NIK' },
  ],
  FINANCIAL_REPORTING: [
    { code: 'COLLECT_RECORDS', label: 'Collect the bookkeeping records' },
    { code: 'DRAFT_STATEMENTS', label: 'Draft the financial statements' },
    { code: 'REVIEW_STATEMENTS', label: 'Review the statements with the board' },
  ],
  RAT_PREPARATION: [
    { code: 'SET_DATE', label: 'Set the meeting date' },
    { code: 'PREPARE_ACCOUNTABILITY_REPORT', label: 'Prepare the accountability report' },
    { code: 'HOLD_RAT', label: 'Hold the RAT' },
    { code: 'REPORT_RAT', label: 'Report the RAT to the office' },
  ],
  INTERNAL_DISPUTE: [
    { code: 'HEAR_PARTIES', label: 'Hear the parties' },
    { code: 'MEDIATE', label: 'Mediate' },
    { code: 'RECORD_AGREEMENT', label: 'Record the agreement' },
  ],
  REACTIVATION: [
    { code: 'CONTACT_BOARD', label: 'Contact the board' },
    { code: 'REBUILD_BOARD', label: 'Rebuild the board' },
    { code: 'PREPARE_FINANCIAL_STATEMENTS', label: 'Prepare the financial statements' },
    { code: 'HOLD_RAT', label: 'Hold the RAT' },
    { code: 'REPORT_RAT', label: 'Report the RAT' },
  ],
  SUPERVISION_FOLLOW_UP: [
    { code: 'DISCUSS_ASSESSMENT', label: 'Discuss the assessment with the board' },
    { code: 'AGREE_IMPROVEMENT_PLAN', label: 'Agree an improvement plan' },
    { code: 'MONITOR_PLAN', label: 'Monitor the plan' },
  ],
};

export const mentoringEnvSchema = baseEnvSchema.extend({
  PORT: baseEnvSchema.shape.PORT.default(3002),
  /** JSON object: case type -> service level in days. Types left out use the default. */
  CASE_SLA_DAYS: jsonSetting(perCaseType(z.number().int().min(1).max(3650)), DEFAULT_SLA_DAYS).transform((given) => ({
    ...DEFAULT_SLA_DAYS,
    ...given,
  })),
  /** How many days before the due date the assignee is reminded. */
  CASE_REMINDER_DAYS_BEFORE: z.coerce.number().int().min(0).max(365).default(7),
  /** JSON object: case type -> checklist steps ({ code, label }). */
  CASE_CHECKLISTS: jsonSetting(perCaseType(z.array(checklistStep).max(50)), DEFAULT_CHECKLISTS).transform((given) => ({
    ...DEFAULT_CHECKLISTS,
    ...given,
  })),
  /** The office's offset from UTC in hours (Palangka Raya: WIB, +7); a hold "until a date" ends at that date's midnight there. */
  OFFICE_UTC_OFFSET_HOURS: z.coerce.number().min(-12).max(14).default(7),
  /** Most cases a bulk reassignment may touch in one call. */
  BULK_REASSIGN_MAX_CASES: z.coerce.number().int().min(1).max(10_000).default(1000),
  /** How old (seconds) the shared per-tab counts of `GET /cases/counts` may be; 0 counts on every request. */
  CASE_COUNTS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
});

export type MentoringConfig = z.infer<typeof mentoringEnvSchema>;

import { parseEnvironment } from '@koperasi/platform';
import { mentoringEnvSchema } from './config';

describe('mentoring settings', () => {
  it('has a service level and a checklist for every case type by default', () => {
    const config = parseEnvironment(mentoringEnvSchema, {});
    expect(config.CASE_SLA_DAYS).toMatchObject({ REACTIVATION: 180, SUPERVISION_FOLLOW_UP: 90 });
    expect(config.CASE_CHECKLISTS.REACTIVATION.map((step) => step.code)).toEqual([
      'CONTACT_BOARD',
      'REBUILD_BOARD',
      'PREPARE_FINANCIAL_STATEMENTS',
      'HOLD_RAT',
      'REPORT_RAT',
    ]);
    expect(config.CASE_REMINDER_DAYS_BEFORE).toBe(7);
  });

  it('overrides the types given and keeps the defaults of the others', () => {
    const config = parseEnvironment(mentoringEnvSchema, {
      CASE_SLA_DAYS: '{"REACTIVATION": 120}',
      CASE_CHECKLISTS: '{"INTERNAL_DISPUTE": [{"code": "TALK", "label": "Talk"}]}',
    });
    expect(config.CASE_SLA_DAYS).toMatchObject({ REACTIVATION: 120, INSTITUTIONAL: 60 });
    expect(config.CASE_CHECKLISTS.INTERNAL_DISPUTE).toEqual([{ code: 'TALK', label: 'Talk' }]);
    expect(config.CASE_CHECKLISTS.REACTIVATION).toHaveLength(5);
  });

  it('fails at boot on bad JSON, an unknown type or a bad number', () => {
    expect(() => parseEnvironment(mentoringEnvSchema, { CASE_SLA_DAYS: '{oops' })).toThrow(/CASE_SLA_DAYS/);
    expect(() => parseEnvironment(mentoringEnvSchema, { CASE_SLA_DAYS: '{"GOSSIP": 3}' })).toThrow(/CASE_SLA_DAYS/);
    expect(() => parseEnvironment(mentoringEnvSchema, { CASE_SLA_DAYS: '{"REACTIVATION": 0}' })).toThrow(
      /CASE_SLA_DAYS/,
    );
    expect(() =>
      parseEnvironment(mentoringEnvSchema, {
        CASE_CHECKLISTS: '{"REACTIVATION": [{"code": "lower case", "label": "x"}]}',
      }),
    ).toThrow(/CASE_CHECKLISTS/);
  });
});

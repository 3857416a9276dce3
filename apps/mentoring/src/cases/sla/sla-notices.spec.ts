import { missedSlaNotice } from './sla-notices';

describe('the SLA notice a new assignee missed', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  const base = {
    id: 'case-1',
    cooperativeId: 'coop-1',
    type: 'INTERNAL_DISPUTE' as const,
    assigneeId: 'officer-1',
    assigneeName: 'Budi Santoso',
    remindedAt: null,
    escalatedAt: null,
  };
  const at = (iso: string) => new Date(iso);

  it('is the overdue notice once the escalation fired and the due date passed', () => {
    const notice = missedSlaNotice(
      { ...base, dueAt: at('2026-11-20T17:00:00Z'), remindedAt: at('2026-11-01'), escalatedAt: at('2026-11-21') },
      now,
    );
    expect(notice).toMatchObject({ kind: 'CASE_OVERDUE', caseId: 'case-1', params: { dueOn: '2026-11-20' } });
  });

  it('is the due-soon notice once the reminder fired before the due date', () => {
    const notice = missedSlaNotice({ ...base, dueAt: at('2026-12-03T17:00:00Z'), remindedAt: at('2026-11-29') }, now);
    expect(notice).toMatchObject({ kind: 'CASE_DUE_SOON', params: { assigneeName: 'Budi Santoso' } });
  });

  it('is nothing while no SLA timer has fired', () => {
    expect(missedSlaNotice({ ...base, dueAt: at('2027-01-30T17:00:00Z') }, now)).toBeNull();
    // Overdue by the clock, but the escalation has not fired yet: it will reach the assignee itself.
    expect(
      missedSlaNotice({ ...base, dueAt: at('2026-11-29T17:00:00Z'), remindedAt: at('2026-11-25') }, now),
    ).toBeNull();
  });
});

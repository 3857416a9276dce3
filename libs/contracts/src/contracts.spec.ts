import { checkEventData, EVENT_TYPES, eventTypesRoutedTo, INBOX_QUEUES, isEventType, ROUTING } from './index';

describe('event contracts', () => {
  it('routes every event type to at least one inbox, and never back to its producer', () => {
    for (const type of EVENT_TYPES) {
      const producer = type.split('.')[0] as keyof typeof INBOX_QUEUES;
      expect(ROUTING[type].length).toBeGreaterThan(0);
      expect(ROUTING[type]).not.toContain(INBOX_QUEUES[producer]);
    }
  });

  it('names every event type as service.fact-in-past-tense.vN', () => {
    for (const type of EVENT_TYPES) expect(type).toMatch(/^(registry|mentoring|dissolution)\.[a-z-]+\.v\d+$/);
  });

  it('lists the types routed to an inbox', () => {
    expect(eventTypesRoutedTo(INBOX_QUEUES.registry)).toEqual([
      'dissolution.proceeding-approved.v1',
      'dissolution.proceeding-withdrawn.v1',
      'dissolution.objection-upheld.v1',
      'dissolution.decree-recorded.v1',
      'dissolution.gazette-published.v1',
    ]);
  });

  it('accepts a valid payload and reports each problem of an invalid one by path', () => {
    const valid = {
      proceedingId: 'p-1',
      cooperativeId: 'c-1',
      decreeNumber: '12/SK/2024',
      decreeDate: '2024-02-29',
      expectedStatus: 'IN_DISSOLUTION',
    };
    expect(checkEventData('dissolution.decree-recorded.v1', valid)).toEqual({ ok: true, data: valid });

    const invalid = checkEventData('dissolution.decree-recorded.v1', { ...valid, decreeDate: '2023-02-29', extra: 1 });
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) {
      expect(invalid.issues.map((issue) => issue.path).sort()).toEqual(['', 'decreeDate']);
    }
  });

  it('asks every status-changing event for the status it expects to change from', () => {
    const upheld = { proceedingId: 'p-1', cooperativeId: 'c-1', reason: 'RAT shown', decidedBy: 's-1' };
    expect(checkEventData('dissolution.objection-upheld.v1', upheld).ok).toBe(false);
    expect(checkEventData('dissolution.objection-upheld.v1', { ...upheld, expectedStatus: 'IN_DISSOLUTION' }).ok).toBe(
      true,
    );
    const withdrawn = { proceedingId: 'p-1', cooperativeId: 'c-1', reason: 'Drafted by mistake', wasApproved: false };
    expect(checkEventData('dissolution.proceeding-withdrawn.v1', { ...withdrawn, expectedStatus: null }).ok).toBe(true);
  });

  it("routes the registry's refusals to dissolution", () => {
    expect(ROUTING['registry.status-change-refused.v1']).toEqual([INBOX_QUEUES.dissolution]);
  });

  it('recognises only known event types', () => {
    expect(isEventType('registry.rat-recorded.v1')).toBe(true);
    expect(isEventType('registry.rat-recorded.v2')).toBe(false);
    expect(isEventType('toString')).toBe(false);
  });
});

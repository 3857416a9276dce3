import { buildEnvelope, MAX_EVENT_BYTES } from './event-publisher';

const failed = (text: string, activities: number) =>
  buildEnvelope(
    'mentoring.reactivation-failed.v1',
    {
      cooperativeId: 'c-1',
      caseId: 'case-1',
      outcome: 'NO_BOARD',
      evidenceNotes: 'No board since 2021',
      closedBy: 'officer-1',
      closedAt: new Date().toISOString(),
      activities: Array.from({ length: activities }, () => ({
        kind: 'VISIT',
        occurredOn: '2026-11-20',
        author: 'Officer One',
        text,
      })),
    },
    { correlationId: 'c', actor: { id: 'officer-1', name: 'Officer One' } },
  );

describe('buildEnvelope', () => {
  it('publishes the largest evidence a case can hold (100 activities of 2,000 characters)', () => {
    expect(Buffer.byteLength(JSON.stringify(failed('é'.repeat(2000), 100)))).toBeLessThan(MAX_EVENT_BYTES);
  });

  it('refuses an envelope over the size cap', () => {
    expect(() => failed('x'.repeat(20_000), 100)).toThrow(
      expect.objectContaining({ code: 'EVENT_PAYLOAD_TOO_LARGE', status: 422 }),
    );
  });
});

import type { EventEnvelope } from '@koperasi/contracts';
import { DEVELOPMENT_EVENT_SIGNING_KEYS as keys } from '../config/event-signing-keys';
import { signEnvelope, verifyEnvelope } from './envelope-signature';

const envelope = {
  eventId: '0b6f1d7e-3c2a-4e39-9f0a-6a2b8c1d2e3f',
  type: 'registry.rat-recorded.v1',
  occurredAt: '2026-01-02T03:04:05.000Z',
  correlationId: 'corr-1',
  data: {
    cooperativeId: 'c-1',
    ratId: 'r-1',
    fiscalYear: 2025,
    meetingDate: '2026-03-01',
    reportedDate: '2026-03-05',
    late: false,
  },
} as EventEnvelope<'registry.rat-recorded.v1'>;

describe('envelope signatures', () => {
  const registryOnly = ['registry'];

  it("signs as the type's producer and verifies whatever order the keys come back in", () => {
    const signed = signEnvelope(envelope, keys);
    expect(signed.signedBy).toBe('registry');
    const { data, ...rest } = signed;
    const reordered = JSON.parse(JSON.stringify({ data: Object.fromEntries(Object.entries(data).reverse()), ...rest }));
    expect(verifyEnvelope(reordered, keys, registryOnly)).toEqual({ ok: true });
  });

  it('refuses an unsigned, altered, or wrongly signed envelope', () => {
    const signed = signEnvelope(envelope, keys);
    expect(verifyEnvelope(envelope, keys, registryOnly)).toEqual({ ok: false, reason: 'unsigned' });
    expect(verifyEnvelope({ ...signed, data: { ...signed.data, cooperativeId: 'c-2' } }, keys, registryOnly)).toEqual({
      ok: false,
      reason: 'the signature does not match the content',
    });
    const byMentoring = signEnvelope(envelope, keys, 'mentoring');
    expect(verifyEnvelope(byMentoring, keys, registryOnly).ok).toBe(false);
    const forged = signEnvelope(envelope, { registry: 'a key the attacker guessed' });
    expect(verifyEnvelope(forged, keys, registryOnly).ok).toBe(false);
  });
});

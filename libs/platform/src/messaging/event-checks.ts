import { checkEventData, isEventType, type EventEnvelope } from '@koperasi/contracts';
import { producerOf, verifyEnvelope, type SigningKeys } from './envelope-signature';

export type EnvelopeCheck =
  | { ok: true; event: EventEnvelope }
  | { ok: false; code: 'INVALID_ENVELOPE' | 'BAD_SIGNATURE' | 'INVALID_PAYLOAD'; message: string };

/**
 * The checks an inbox makes before it applies a received envelope: an event of a known type (the
 * one its job is named after, for a single-event job), signed by its producer or by `consumer`
 * itself (a dead letter it re-queued), and a payload its schema accepts. A passing event carries
 * the parsed data.
 */
export function checkEnvelope(
  raw: unknown,
  keys: SigningKeys,
  consumer: string,
  jobName: string | null,
): EnvelopeCheck {
  const envelope = raw as EventEnvelope | null;
  if (
    !envelope ||
    typeof envelope.eventId !== 'string' ||
    !isEventType(envelope.type) ||
    (jobName !== null && envelope.type !== jobName)
  ) {
    return { ok: false, code: 'INVALID_ENVELOPE', message: 'The job is not an event envelope of a known type' };
  }
  const signature = verifyEnvelope(raw, keys, [producerOf(envelope.type), consumer]);
  if (!signature.ok) {
    return {
      ok: false,
      code: 'BAD_SIGNATURE',
      message: `The envelope's signature does not hold: ${signature.reason}`,
    };
  }
  const data = checkEventData(envelope.type, envelope.data);
  if (!data.ok) {
    return {
      ok: false,
      code: 'INVALID_PAYLOAD',
      message: data.issues.map((i) => `${i.path}: ${i.message}`).join('; '),
    };
  }
  return { ok: true, event: { ...envelope, data: data.data } };
}

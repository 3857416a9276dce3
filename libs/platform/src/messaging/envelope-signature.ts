import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EventEnvelope } from '@koperasi/contracts';

/** Each producing service's HMAC key, by service name (`EVENT_SIGNING_KEYS`). */
export type SigningKeys = Readonly<Record<string, string>>;

/** The service that publishes an event type: the type's first segment (`registry.x.v1`). */
export function producerOf(type: string): string {
  return type.split('.')[0];
}

/**
 * Signs an envelope as `signer` (by default the producer its type names): HMAC-SHA256 over the
 * canonical JSON of the envelope without its signature, so a change to any field, the data
 * included, breaks it. Keys are sorted, so the order PostgreSQL's jsonb gives them does not matter.
 */
export function signEnvelope<E extends EventEnvelope>(
  envelope: E,
  keys: SigningKeys,
  signer: string = producerOf(envelope.type),
): E {
  return signMessage(envelope, keys, signer);
}

/** Signs any message between the services' platforms as `signer`, the way an envelope is signed. */
export function signMessage<M extends object>(message: M, keys: SigningKeys, signer: string): M {
  const key = keys[signer];
  if (!key) throw new Error(`No event signing key for ${signer} (EVENT_SIGNING_KEYS)`);
  const { signature: _old, ...unsigned } = { ...message, signedBy: signer } as M & { signature?: unknown };
  return { ...unsigned, signature: hmac(key, unsigned) } as M;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Accepts an envelope signed by one of `trustedSigners` with that signer's key, and unchanged since. */
export function verifyEnvelope(envelope: unknown, keys: SigningKeys, trustedSigners: string[]): SignatureCheck {
  if (!envelope || typeof envelope !== 'object') return { ok: false, reason: 'not an envelope' };
  const { signature, ...unsigned } = envelope as { signature?: unknown; signedBy?: unknown };
  if (typeof signature !== 'string' || typeof unsigned.signedBy !== 'string') return { ok: false, reason: 'unsigned' };
  if (!trustedSigners.includes(unsigned.signedBy))
    return { ok: false, reason: `signed by ${unsigned.signedBy}, who may not send it` };
  const key = keys[unsigned.signedBy];
  if (!key) return { ok: false, reason: `no key for ${unsigned.signedBy}` };
  const expected = Buffer.from(hmac(key, unsigned), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'the signature does not match the content' };
  return { ok: true };
}

function hmac(key: string, value: unknown): string {
  return createHmac('sha256', key).update(canonicalJson(value)).digest('hex');
}

/** JSON with object keys sorted at every depth (undefined members left out, as JSON does). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value && typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, member]) => `${JSON.stringify(name)}:${canonicalJson(member)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

import type { EventEnvelope } from '@koperasi/contracts';
import { eventSigningKeysSetting, signEnvelope } from '@koperasi/platform';

/** Signs an envelope as its producer's relay would, with the keys the services under test use. */
export function signedEvent<E extends EventEnvelope>(envelope: E): E {
  return signEnvelope(envelope, eventSigningKeysSetting.parse(process.env.EVENT_SIGNING_KEYS || undefined));
}

import { SYSTEM_ACTOR } from '@koperasi/contracts';
import { type Language, translate } from '../i18n/dictionary';

/**
 * Who acted, as a page shows them: the directory's name, "Sistem" for the services' own timers and
 * consumers, else the name the service recorded, and the id only when nothing else is known.
 */
export function personName(
  language: Language,
  names: Map<string, string>,
  id: string | null | undefined,
  recordedName?: string | null,
): string | null {
  if (!id) return recordedName ?? null;
  if (id === SYSTEM_ACTOR.id) return translate(language, 'actor.system');
  return names.get(id) ?? recordedName ?? id;
}

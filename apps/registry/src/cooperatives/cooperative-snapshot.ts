import type { EventData } from '@koperasi/contracts';
import type { Cooperative } from './cooperative.entity';

type Snapshot = Omit<EventData<'registry.cooperative-registered.v1'>, 'registeredAt'>;

/** The part of a cooperative that other services keep in their read models. */
export function snapshotOf(
  cooperative: Pick<
    Cooperative,
    'id' | 'name' | 'legalEntityNumber' | 'nik' | 'kecamatan' | 'kelurahan' | 'type' | 'status' | 'version'
  >,
): Snapshot {
  return {
    cooperativeId: cooperative.id,
    name: cooperative.name,
    legalEntityNumber: cooperative.legalEntityNumber,
    nik: cooperative.nik,
    kecamatan: cooperative.kecamatan,
    kelurahan: cooperative.kelurahan,
    type: cooperative.type,
    status: cooperative.status,
    cooperativeVersion: cooperative.version,
  };
}

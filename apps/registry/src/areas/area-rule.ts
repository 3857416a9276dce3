/** Kecamatan -> its kelurahan, as configured for the city. */
export type AreaMap = ReadonlyMap<string, readonly string[]>;

export type AreaCheck =
  | { ok: true; kecamatan: string; kelurahan: string }
  | {
      ok: false;
      code: 'UNKNOWN_KECAMATAN' | 'KELURAHAN_NOT_IN_KECAMATAN';
      field: 'kecamatan' | 'kelurahan';
      message: string;
      known: string[];
    };

const same = (a: string, b: string) => a.trim().toLocaleLowerCase('id') === b.trim().toLocaleLowerCase('id');

export function buildAreaMap(rows: readonly { kecamatan: string; kelurahan: string }[]): AreaMap {
  const map = new Map<string, string[]>();
  for (const { kecamatan, kelurahan } of rows) map.set(kecamatan, [...(map.get(kecamatan) ?? []), kelurahan]);
  for (const list of map.values()) list.sort((a, b) => a.localeCompare(b, 'id'));
  return map;
}

/** The configured spelling of a kecamatan written in any case, or undefined when it is not the city's. */
export function canonicalKecamatan(areas: AreaMap, kecamatan: string): string | undefined {
  return [...areas.keys()].find((known) => same(known, kecamatan));
}

/**
 * Checks an address against the city's reference data, matching case-insensitively; answers the
 * configured spellings, or why it is refused with the names that would be accepted.
 */
export function checkArea(areas: AreaMap, kecamatan: string, kelurahan: string): AreaCheck {
  const knownKecamatan = canonicalKecamatan(areas, kecamatan);
  if (!knownKecamatan) {
    return {
      ok: false,
      code: 'UNKNOWN_KECAMATAN',
      field: 'kecamatan',
      message: `${kecamatan} is not a kecamatan of this city`,
      known: [...areas.keys()].sort((a, b) => a.localeCompare(b, 'id')),
    };
  }
  const kelurahanList = areas.get(knownKecamatan)!;
  const knownKelurahan = kelurahanList.find((known) => same(known, kelurahan));
  if (!knownKelurahan) {
    return {
      ok: false,
      code: 'KELURAHAN_NOT_IN_KECAMATAN',
      field: 'kelurahan',
      message: `${kelurahan} is not a kelurahan of kecamatan ${knownKecamatan}`,
      known: [...kelurahanList],
    };
  }
  return { ok: true, kecamatan: knownKecamatan, kelurahan: knownKelurahan };
}

import { buildAreaMap, canonicalKecamatan, checkArea } from './area-rule';

const areas = buildAreaMap([
  { kecamatan: 'Pahandut', kelurahan: 'Langkai' },
  { kecamatan: 'Pahandut', kelurahan: 'Panarung' },
  { kecamatan: 'Jekan Raya', kelurahan: 'Menteng' },
]);

describe('city reference data', () => {
  it('accepts a kelurahan of its kecamatan in any case, answering the configured spelling', () => {
    expect(checkArea(areas, ' jekan raya', 'MENTENG')).toEqual({
      ok: true,
      kecamatan: 'Jekan Raya',
      kelurahan: 'Menteng',
    });
  });

  it('refuses a kecamatan of another city, naming the known ones', () => {
    expect(checkArea(areas, 'Kebayoran Baru', 'Senayan')).toMatchObject({
      ok: false,
      code: 'UNKNOWN_KECAMATAN',
      field: 'kecamatan',
      known: ['Jekan Raya', 'Pahandut'],
    });
  });

  it('refuses a kelurahan that lies in another kecamatan', () => {
    expect(checkArea(areas, 'Jekan Raya', 'Langkai')).toMatchObject({
      ok: false,
      code: 'KELURAHAN_NOT_IN_KECAMATAN',
      field: 'kelurahan',
      known: ['Menteng'],
    });
  });

  it('finds the configured spelling of a filter value', () => {
    expect(canonicalKecamatan(areas, 'PAHANDUT')).toBe('Pahandut');
    expect(canonicalKecamatan(areas, 'Menteng')).toBeUndefined();
  });
});

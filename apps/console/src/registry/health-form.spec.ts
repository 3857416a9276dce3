import { ServiceError } from '../services/service-client';
import { assessmentBody, fieldErrors, percent } from './health-form';

describe('the health assessment form', () => {
  it('reads percentages with the Indonesian decimal comma and leaves other text for the registry to refuse', () => {
    expect(percent('12,5')).toBe(12.5);
    expect(percent(' 80 ')).toBe(80);
    expect(percent('')).toBeUndefined();
    expect(percent('banyak')).toBe('banyak');
  });

  it('builds scheme A with the components filled and scheme B with its ratings and final category', () => {
    const form = { fiscalYear: '2023', assessedOn: '2024-05-10', 'component.CASH': '12,5', 'component.GENERAL': '' };
    expect(assessmentBody(form, 'A', ['CASH', 'GENERAL'])).toEqual({
      fiscalYear: 2023,
      scheme: 'A',
      assessedOn: '2024-05-10',
      notes: undefined,
      components: { CASH: 12.5 },
    });
    const b = assessmentBody(
      {
        fiscalYear: '2023',
        assessedOn: '2024-05-10',
        'rating.GOVERNANCE': '2',
        finalCategory: 'HEALTHY',
        notes: ' x ',
      },
      'B',
      [],
    );
    expect(b).toMatchObject({
      scheme: 'B',
      notes: 'x',
      finalCategory: 'HEALTHY',
      aspectRatings: { GOVERNANCE: 2, RISK_PROFILE: undefined },
    });
  });

  it('puts the registry refusals beside their fields, in Bahasa Indonesia', () => {
    const refusal = (code: string, details: Record<string, unknown>) => new ServiceError(422, code, 'x', details);
    expect(
      fieldErrors('id', refusal('RUBRIC_INPUT_INVALID', { missing: ['CASH'], notNumbers: ['GENERAL'], unknown: [] })),
    ).toEqual({ 'component.CASH': 'Wajib diisi.', 'component.GENERAL': 'Isi dengan angka (persen).' });
    expect(
      fieldErrors('id', refusal('CATEGORY_INCONSISTENT_WITH_RATINGS', { allowed: ['HEALTHY', 'FAIRLY_HEALTHY'] })),
    ).toEqual({
      finalCategory: 'Kategori ini tidak sesuai dengan peringkat aspek. Yang sesuai: Sehat, Cukup sehat.',
    });
    expect(
      fieldErrors(
        'id',
        refusal('VALIDATION_FAILED', { fields: [{ field: 'aspectRatings.CAPITAL' }, { field: 'assessedOn' }] }),
      ),
    ).toEqual({ 'rating.CAPITAL': 'Isian ini tidak sesuai.', assessedOn: 'Isian ini tidak sesuai.' });
    expect(fieldErrors('id', refusal('ALREADY_ASSESSED', {}))).toEqual({
      fiscalYear: 'Tahun buku ini sudah dinilai dengan skema yang sama.',
    });
    expect(fieldErrors('id', refusal('SERVICE_UNAVAILABLE', {}))).toEqual({});
  });
});

import { systemReason } from './system-reasons';

const date = (iso: string) => `<${iso}>`;

describe('the services’ own reasons in the reader’s language', () => {
  it('translates nested reasons, with dates formatted and no proceeding ids', () => {
    expect(systemReason('id', 'Became inactive: Annual evaluation 2023: no RAT for fiscal years 2022-2023', date)).toBe(
      'Menjadi tidak aktif: Evaluasi tahunan 2023: tidak ada RAT untuk tahun buku 2022–2023',
    );
    expect(
      systemReason(
        'id',
        'Dissolution proceeding 0b6f6a4e-8d0e-4c55-9a51-3f4f3a0b2c11 approved (grounds: NO_MEETING_3_YEARS, BANKRUPT)',
        date,
      ),
    ).toBe('Usulan pembubaran disetujui (alasan: Tidak menyelenggarakan RAT 3 tahun berturut-turut, Pailit)');
    expect(systemReason('id', 'Status ACTIVE: RAT for fiscal year 2023 held on 2024-03-20 and reported', date)).toBe(
      'Status Aktif: RAT tahun buku 2023 diselenggarakan <2024-03-20> dan dilaporkan',
    );
    expect(systemReason('id', 'Health assessment fiscal 2023 (scheme B): UNDER_SUPERVISION', date)).toBe(
      'Penilaian kesehatan tahun buku 2023 (skema B): Dalam pengawasan',
    );
    expect(systemReason('en', 'Registered', date)).toBe('Registered');
  });

  it('leaves a reason a person typed as written', () => {
    expect(systemReason('id', 'Pengurus tidak dapat dibentuk kembali', date)).toBe(
      'Pengurus tidak dapat dibentuk kembali',
    );
    expect(systemReason('id', 'Became inactive: pengurus bubar', date)).toBe('Menjadi tidak aktif: pengurus bubar');
  });
});

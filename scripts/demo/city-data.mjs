// The deterministic synthetic city, shaped like Palangka Raya's published figures (July 2024):
// 298 cooperatives; for fiscal 2023, 52 held their RAT; 177 active, 99 inactive, 22 to be dissolved.

export const FISCAL_YEAR = 2023;

export const KECAMATAN = {
  'Jekan Raya': ['Menteng', 'Palangka', 'Bukit Tunggal', 'Petuk Katimpun'],
  Pahandut: ['Pahandut', 'Pahandut Seberang', 'Panarung', 'Langkai', 'Tumbang Rungan', 'Tanjung Pinang'],
  'Bukit Batu': ['Marang', 'Tumbang Tahai', 'Banturung', 'Tangkiling', 'Sei Gohong', 'Kanarakan', 'Habaring Hurung'],
  Sabangau: ['Kereng Bangkirai', 'Sabaru', 'Kalampangan', 'Kameloh Baru', 'Bereng Bengkel', 'Danau Tundai'],
  Rakumpit: ['Petuk Bukit', 'Petuk Barunai', 'Mungku Baru', 'Bukit Sua', 'Gaung Baru', 'Pager', 'Panjehang'],
};
const KECAMATAN_WEIGHTS = [
  ['Jekan Raya', 34],
  ['Pahandut', 27],
  ['Bukit Batu', 16],
  ['Sabangau', 15],
  ['Rakumpit', 8],
];

const GROUPS = [
  { group: 'KSP', type: 'SAVINGS_AND_LOAN', prefix: 'Koperasi Simpan Pinjam', weight: 22 },
  { group: 'KSU', type: 'SERVICES', prefix: 'Koperasi Serba Usaha', weight: 24 },
  { group: 'KUD', type: 'PRODUCER', prefix: 'Koperasi Unit Desa', weight: 10 },
  { group: 'KOPKAR', type: 'CONSUMER', prefix: 'Koperasi Karyawan', weight: 14 },
  { group: 'KPRI', type: 'CONSUMER', prefix: 'Koperasi Pegawai Republik Indonesia', weight: 12 },
  { group: 'KOPWAN', type: 'SAVINGS_AND_LOAN', prefix: 'Koperasi Wanita', weight: 8 },
  { group: 'KOPTAN', type: 'MARKETING', prefix: 'Koperasi Tani', weight: 10 },
];
const FIRST = [
  'Maju',
  'Karya',
  'Sumber',
  'Harapan',
  'Bina',
  'Mitra',
  'Citra',
  'Usaha',
  'Tunas',
  'Sinar',
  'Cahaya',
  'Bukit',
  'Betang',
  'Isen',
  'Handep',
  'Tambun',
  'Kahayan',
  'Rungan',
  'Mandiri',
  'Sejahtera',
];
const SECOND = [
  'Bersama',
  'Mandiri',
  'Rejeki',
  'Makmur',
  'Sejahtera',
  'Jaya',
  'Sentosa',
  'Abadi',
  'Lestari',
  'Utama',
  'Harapan',
  'Mulya',
  'Bungai',
  'Mulang',
  'Hapakat',
  'Baru',
  'Barigas',
  'Kalawa',
  'Damai',
  'Gemilang',
];
const PEOPLE = [
  'Agus Salim',
  'Siti Rahmawati',
  'Yohanes Uria',
  'Ratna Dewi',
  'Bambang Hartono',
  'Nurhayati',
  'Dedi Kurniawan',
  'Elisabeth Unting',
  'Hendra Saputra',
  'Wahyuni',
  'Riduan',
  'Sri Lestari',
  'Tambun Bungai',
  'Marlina',
  'Yusuf Hamdani',
  'Kristina Ayu',
];

/** Mulberry32: a tiny seeded PRNG, so every run builds the same city. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted(rand, entries) {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rand() * total;
  for (const [value, weight] of entries) if ((roll -= weight) < 0) return value;
  return entries[entries.length - 1][0];
}

const pick = (rand, list) => list[Math.floor(rand() * list.length)];
const pad = (n, width) => String(n).padStart(width, '0');
const isoDate = (year, month, day) => `${year}-${pad(month, 2)}-${pad(day, 2)}`;

/**
 * Cohorts by the RATs they held for fiscal 2022 and 2023 (the evaluation window, N = 2):
 * - held2023 (52): RAT for 2023 -> stays ACTIVE
 * - held2022 (125): RAT for 2022 only -> stays ACTIVE
 * - dormant (99): last RAT before 2022 -> INACTIVE, reactivation case stays open
 * - defunct (22): last RAT before 2020 -> INACTIVE, reactivation fails, dissolution proceeding
 */
export const COHORTS = [
  ['held2023', 52],
  ['held2022', 125],
  ['dormant', 99],
  ['defunct', 22],
];

export function buildCity(seed = 20240701) {
  const rand = random(seed);
  const usedNames = new Set();
  const cooperatives = [];
  let serial = 0;
  for (const [cohort, count] of COHORTS) {
    for (let i = 0; i < count; i++) {
      serial += 1;
      const kind = weighted(
        rand,
        GROUPS.map((g) => [g, g.weight]),
      );
      let name = `${kind.prefix} ${pick(rand, FIRST)} ${pick(rand, SECOND)}`;
      if (usedNames.has(name)) name = `${name} ${serial}`;
      usedNames.add(name);
      const kecamatan = weighted(rand, KECAMATAN_WEIGHTS);
      const foundedYear = 1985 + Math.floor(rand() * 30);
      const lastRatYear = {
        held2023: FISCAL_YEAR,
        held2022: FISCAL_YEAR - 1,
        dormant: FISCAL_YEAR - 2 - Math.floor(rand() * 3),
        defunct: Math.max(foundedYear + 1, FISCAL_YEAR - 4 - Math.floor(rand() * 5)),
      }[cohort];
      const firstRatYear = Math.max(foundedYear + 1, 2014);
      const male = 15 + Math.floor(rand() * 180);
      const female = 10 + Math.floor(rand() * 160);
      cooperatives.push({
        serial,
        cohort,
        name,
        legalEntityNumber: `${pad(serial, 3)}/BH/XIX.${1 + (serial % 9)}/${foundedYear}`,
        legalEntityDate: isoDate(foundedYear, 1 + Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)),
        nik: rand() < 0.7 ? `6271${pad(Math.floor(rand() * 1e12), 12)}` : null,
        group: kind.group,
        type: kind.type,
        kecamatan,
        kelurahan: pick(rand, KECAMATAN[kecamatan]),
        street: `Jl. ${pick(rand, ['RTA Milono', 'G. Obos', 'Tjilik Riwut', 'Yos Sudarso', 'Diponegoro', 'Beliang', 'Temanggung Tilung', 'Rajawali'])} No. ${1 + Math.floor(rand() * 120)}`,
        chair: pick(rand, PEOPLE),
        secretary: pick(rand, PEOPLE),
        treasurer: pick(rand, PEOPLE),
        membersMale: male,
        membersFemale: female,
        employees: Math.floor(rand() * 12),
        rats: ratHistory(rand, firstRatYear, lastRatYear, male + female),
      });
    }
  }
  return cooperatives;
}

function ratHistory(rand, firstYear, lastYear, members) {
  const rats = [];
  for (let year = firstYear; year <= lastYear; year++) {
    if (year < lastYear && rand() < 0.1) continue; // the odd skipped year before the last one held
    const meetingMonth = 2 + Math.floor(rand() * 5);
    const late = rand() < 0.15;
    rats.push({
      fiscalYear: year,
      meetingDate: isoDate(year + 1, late ? 7 + Math.floor(rand() * 3) : meetingMonth, 1 + Math.floor(rand() * 27)),
      membersPresent: Math.max(1, Math.floor(members * (0.4 + rand() * 0.5))),
      membersTotal: members,
      ownCapital: Math.round(50e6 + rand() * 900e6),
      outsideCapital: Math.round(rand() * 600e6),
      assets: Math.round(100e6 + rand() * 2e9),
      businessVolume: Math.round(20e6 + rand() * 1.5e9),
      surplus: Math.round(-20e6 + rand() * 150e6),
    });
  }
  return rats;
}

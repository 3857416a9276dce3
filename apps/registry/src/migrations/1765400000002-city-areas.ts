import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Kota Palangka Raya's five kecamatan and their 30 kelurahan (domain §1); another city replaces these rows. */
const PALANGKA_RAYA: [kecamatan: string, kelurahan: string][] = [
  ['Jekan Raya', 'Menteng'],
  ['Jekan Raya', 'Palangka'],
  ['Jekan Raya', 'Bukit Tunggal'],
  ['Jekan Raya', 'Petuk Katimpun'],
  ['Pahandut', 'Pahandut'],
  ['Pahandut', 'Pahandut Seberang'],
  ['Pahandut', 'Panarung'],
  ['Pahandut', 'Langkai'],
  ['Pahandut', 'Tumbang Rungan'],
  ['Pahandut', 'Tanjung Pinang'],
  ['Bukit Batu', 'Marang'],
  ['Bukit Batu', 'Tumbang Tahai'],
  ['Bukit Batu', 'Banturung'],
  ['Bukit Batu', 'Tangkiling'],
  ['Bukit Batu', 'Sei Gohong'],
  ['Bukit Batu', 'Kanarakan'],
  ['Bukit Batu', 'Habaring Hurung'],
  ['Sabangau', 'Kereng Bangkirai'],
  ['Sabangau', 'Sabaru'],
  ['Sabangau', 'Kalampangan'],
  ['Sabangau', 'Kameloh Baru'],
  ['Sabangau', 'Bereng Bengkel'],
  ['Sabangau', 'Danau Tundai'],
  ['Rakumpit', 'Petuk Bukit'],
  ['Rakumpit', 'Petuk Barunai'],
  ['Rakumpit', 'Mungku Baru'],
  ['Rakumpit', 'Bukit Sua'],
  ['Rakumpit', 'Gaung Baru'],
  ['Rakumpit', 'Pager'],
  ['Rakumpit', 'Panjehang'],
];

export class CityAreas1765400000002 implements MigrationInterface {
  name = 'CityAreas1765400000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "city_areas" ("kecamatan" character varying(120) NOT NULL, "kelurahan" character varying(120) NOT NULL, CONSTRAINT "PK_city_areas" PRIMARY KEY ("kecamatan", "kelurahan"))`,
    );
    await queryRunner.query(
      `INSERT INTO "city_areas" ("kecamatan", "kelurahan") SELECT * FROM unnest($1::varchar[], $2::varchar[])`,
      [PALANGKA_RAYA.map(([kecamatan]) => kecamatan), PALANGKA_RAYA.map(([, kelurahan]) => kelurahan)],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "city_areas"`);
  }
}

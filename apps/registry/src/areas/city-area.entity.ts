import { Entity, PrimaryColumn } from 'typeorm';

/** Reference data of the city: each kelurahan with the kecamatan it lies in (seeded by migration, per city). */
@Entity({ name: 'city_areas' })
export class CityArea {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  kecamatan: string;

  @PrimaryColumn({ type: 'varchar', length: 120 })
  kelurahan: string;
}

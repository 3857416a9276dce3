import { Injectable } from '@nestjs/common';
import { unprocessable } from '@koperasi/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { buildAreaMap, checkArea, type AreaMap } from './area-rule';
import { CityArea } from './city-area.entity';

/** The city's kecamatan and kelurahan (reference data in `city_areas`). */
@Injectable()
export class CityAreas {
  constructor(private readonly dataSource: DataSource) {}

  async load(manager: EntityManager = this.dataSource.manager): Promise<AreaMap> {
    return buildAreaMap(await manager.find(CityArea));
  }

  /** The configured spellings of an address's kecamatan and kelurahan; 422 when the city has no such pair. */
  async resolve(
    manager: EntityManager,
    kecamatan: string,
    kelurahan: string,
  ): Promise<{ kecamatan: string; kelurahan: string }> {
    return resolveArea(await this.load(manager), kecamatan, kelurahan);
  }
}

/** `CityAreas.resolve` against areas loaded once (for many addresses). */
export function resolveArea(
  areas: AreaMap,
  kecamatan: string,
  kelurahan: string,
): { kecamatan: string; kelurahan: string } {
  const check = checkArea(areas, kecamatan, kelurahan);
  if (!check.ok) {
    throw unprocessable(check.code, check.message, {
      field: check.field,
      value: check.field === 'kecamatan' ? kecamatan : kelurahan,
      known: check.known,
    });
  }
  return { kecamatan: check.kecamatan, kelurahan: check.kelurahan };
}

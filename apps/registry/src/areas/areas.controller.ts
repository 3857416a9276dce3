import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '@koperasi/platform';
import { READ_ROLES } from '../cooperatives/cooperatives.controller';
import { CityAreas } from './city-areas.service';

class KecamatanView {
  @ApiProperty({ example: 'Pahandut' }) name: string;
  @ApiProperty({ type: [String], example: ['Langkai', 'Pahandut'] }) kelurahan: string[];
}

class KecamatanList {
  @ApiProperty({ type: [KecamatanView] }) items: KecamatanView[];
}

@ApiTags('reference data')
@Controller('reference')
export class AreasController {
  constructor(private readonly areas: CityAreas) {}

  @Get('kecamatan')
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: "The city's kecamatan with their kelurahan, by name (the only ones an address may name)" })
  @ApiOkResponse({ type: KecamatanList })
  async kecamatan(): Promise<KecamatanList> {
    const areas = await this.areas.load();
    return {
      items: [...areas.entries()]
        .map(([name, kelurahan]) => ({ name, kelurahan: [...kelurahan] }))
        .sort((a, b) => a.name.localeCompare(b.name, 'id')),
    };
  }
}

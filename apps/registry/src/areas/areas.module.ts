import { Module } from '@nestjs/common';
import { AreasController } from './areas.controller';
import { CityAreas } from './city-areas.service';

@Module({
  controllers: [AreasController],
  providers: [CityAreas],
  exports: [CityAreas],
})
export class AreasModule {}

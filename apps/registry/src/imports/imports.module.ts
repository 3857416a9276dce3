import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { CooperativesModule } from '../cooperatives/cooperatives.module';
import { RatsModule } from '../rats/rats.module';
import { CooperativesExport } from './cooperatives-export';
import { ImportValidation } from './import-validation';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({
  imports: [AreasModule, CooperativesModule, RatsModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportValidation, CooperativesExport],
  exports: [ImportsService],
})
export class ImportsModule {}

import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { MultipartModule } from '@nestjs/platform-fastify/multipart';
import { SERVICE_CONFIG } from '@koperasi/platform';
import type { RegistryConfig } from '../config';
import { CooperativesModule } from '../cooperatives/cooperatives.module';
import { RatsModule } from '../rats/rats.module';
import { CooperativesExport } from './cooperatives-export';
import { ImportStaging } from './import-staging';
import { ImportsController } from './imports.controller';
import { ImportsRunner } from './imports-runner.service';
import { ImportsService } from './imports.service';

@Module({
  imports: [
    AreasModule,
    CooperativesModule,
    RatsModule,
    // Uploads go to a temporary file, never whole into memory; the import streams it from there.
    MultipartModule.registerAsync({
      inject: [SERVICE_CONFIG],
      useFactory: (config: RegistryConfig) => ({
        dest: config.IMPORT_UPLOAD_DIR,
        limits: { fileSize: config.IMPORT_MAX_BYTES, files: 1 },
      }),
    }),
  ],
  controllers: [ImportsController],
  providers: [ImportsService, ImportsRunner, ImportStaging, CooperativesExport],
  exports: [ImportsService, ImportsRunner],
})
export class ImportsModule {}

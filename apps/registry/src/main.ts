import { bootstrapService } from '@koperasi/platform';
import { RegistryModule } from './registry.module';

void bootstrapService(RegistryModule, 'Registry service');

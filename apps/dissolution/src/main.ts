import { bootstrapService } from '@koperasi/platform';
import { DissolutionModule } from './dissolution.module';

void bootstrapService(DissolutionModule, 'Dissolution service');

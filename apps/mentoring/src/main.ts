import { bootstrapService } from '@koperasi/platform';
import { MentoringModule } from './mentoring.module';

void bootstrapService(MentoringModule, 'Mentoring service');

import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProfileController } from './accounts/profile.controller';
import { SignInController } from './accounts/sign-in.controller';
import { SignInService } from './accounts/sign-in.service';
import { User } from './accounts/user.entity';
import { UsersService } from './accounts/users.service';
import { BulkReassignController } from './cases/bulk-reassign.controller';
import { CasePageController } from './cases/case-page.controller';
import { CasesController } from './cases/cases.controller';
import { DeadLettersController } from './admin/dead-letters.controller';
import { UsersController } from './admin/users.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { ApprovalsController } from './proceedings/approvals.controller';
import { LettersController } from './proceedings/letters.controller';
import { ProceedingsController } from './proceedings/proceedings.controller';
import { ConsoleInfrastructureModule } from './infrastructure/console-infrastructure.module';
import { DashboardController } from './reports/dashboard.controller';
import { RegistryBatchController } from './registry/registry-batch.controller';
import { RegistryController } from './registry/registry.controller';
import { CorrectionsController } from './registry/corrections.controller';
import { HealthAssessmentController } from './registry/health-assessment.controller';
import { HealthCorrectionController } from './registry/health-correction.controller';
import { ServiceClient } from './services/service-client';
import { SessionGuard } from './web/access';
import { HealthController } from './web/health.controller';
import { PageErrorsFilter } from './web/page-errors.filter';

@Module({
  imports: [ConsoleInfrastructureModule, TypeOrmModule.forFeature([User])],
  controllers: [
    HealthController,
    SignInController,
    ProfileController,
    CasesController,
    CasePageController,
    BulkReassignController,
    ApprovalsController,
    LettersController,
    ProceedingsController,
    NotificationsController,
    UsersController,
    DeadLettersController,
    DashboardController,
    RegistryBatchController,
    RegistryController,
    HealthAssessmentController,
    CorrectionsController,
    HealthCorrectionController,
  ],
  providers: [
    UsersService,
    SignInService,
    ServiceClient,
    { provide: APP_GUARD, useClass: SessionGuard },
    { provide: APP_FILTER, useClass: PageErrorsFilter },
  ],
})
export class ConsoleModule {}

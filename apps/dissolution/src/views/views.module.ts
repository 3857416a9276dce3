import { Module } from '@nestjs/common';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsInbox } from './approvals-inbox.service';
import { ProceedingViewsController } from './proceeding-views.controller';
import { ProceedingViews } from './proceeding-views.service';

@Module({ controllers: [ProceedingViewsController, ApprovalsController], providers: [ProceedingViews, ApprovalsInbox] })
export class ViewsModule {}

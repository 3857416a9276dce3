import { Module } from '@nestjs/common';
import { ProceedingViewsController } from './proceeding-views.controller';
import { ProceedingViews } from './proceeding-views.service';

@Module({ controllers: [ProceedingViewsController], providers: [ProceedingViews] })
export class ViewsModule {}

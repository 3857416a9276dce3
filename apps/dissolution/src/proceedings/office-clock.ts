import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@koperasi/platform';
import type { DissolutionConfig } from '../config';
import { endOfOfficeDay, officeToday } from './deadlines';

/** "Today" and the end of a day in the office's time zone (OFFICE_TIME_ZONE). */
@Injectable()
export class OfficeClock {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: DissolutionConfig) {}

  today(): string {
    return officeToday(new Date(), this.config.OFFICE_TIME_ZONE);
  }

  endOfDay(date: string): Date {
    return endOfOfficeDay(date, this.config.OFFICE_TIME_ZONE);
  }
}

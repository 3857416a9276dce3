import { AuditOrderIndex1765300100000 } from '@koperasi/platform';

/** The platform's audit order index, run after the console's own platform tables (its timestamp is later than the shared one's). */
export class AuditOrderIndex1765600000005 extends AuditOrderIndex1765300100000 {
  override name = 'AuditOrderIndex1765600000005';
}

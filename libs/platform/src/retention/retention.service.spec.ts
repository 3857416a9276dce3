import type { DataSource } from 'typeorm';
import { baseEnvSchema, InvalidEnvironmentError, parseEnvironment } from '../config/service-config';
import type { PeriodicTasks } from '../scheduling/periodic-tasks';
import { RetentionService } from './retention.service';

describe('RetentionService settings', () => {
  const service = (env: Record<string, string>) =>
    new RetentionService(
      {} as DataSource,
      {} as PeriodicTasks,
      parseEnvironment(baseEnvSchema, { PORT: '0', ...env }),
      [],
    );

  it('keeps processed events longer than published outbox events by default', () => {
    expect(() => service({}).onModuleInit()).not.toThrow();
  });

  it('refuses processed events kept no longer than the outbox, naming the setting', () => {
    const check = () => service({ OUTBOX_RETENTION_DAYS: '14', PROCESSED_EVENTS_RETENTION_DAYS: '14' }).onModuleInit();
    expect(check).toThrow(InvalidEnvironmentError);
    expect(check).toThrow(/PROCESSED_EVENTS_RETENTION_DAYS: must be longer than OUTBOX_RETENTION_DAYS \(14\)/);
  });
});

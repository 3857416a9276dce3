import { POOR_HEALTH_CATEGORIES, type EventEnvelope } from '@koperasi/contracts';
import { EventHandler, type EventConsumer, type Tx } from '@koperasi/platform';
import { CooperativeReadModel } from '../../cooperatives/cooperative-read-model';
import { CaseLifecycle } from '../case-lifecycle.service';

const TYPE = 'registry.health-assessed.v1';

/** A poor health category opens a supervision follow-up; special supervision is urgent work. */
@EventHandler(TYPE)
export class HealthAssessedConsumer implements EventConsumer<typeof TYPE> {
  constructor(
    private readonly readModel: CooperativeReadModel,
    private readonly cases: CaseLifecycle,
  ) {}

  async handle(event: EventEnvelope<typeof TYPE>, tx: Tx): Promise<void> {
    const { data } = event;
    if (!POOR_HEALTH_CATEGORIES.includes(data.category)) return;
    await this.readModel.ensure(tx, data.cooperativeId);
    await this.cases.openMany(tx, [
      {
        cooperativeId: data.cooperativeId,
        type: 'SUPERVISION_FOLLOW_UP',
        priority: data.category === 'UNDER_SPECIAL_SUPERVISION' ? 'HIGH' : 'NORMAL',
        reason: `Health assessment fiscal ${data.fiscalYear} (scheme ${data.scheme}): ${data.category}`,
      },
    ]);
  }
}

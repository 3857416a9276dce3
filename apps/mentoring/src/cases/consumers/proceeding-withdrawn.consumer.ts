import type { EventEnvelope } from '@koperasi/contracts';
import { EventHandler, type EventConsumer, type Tx } from '@koperasi/platform';
import { CooperativeReadModel } from '../../cooperatives/cooperative-read-model';
import { CaseLifecycle } from '../case-lifecycle.service';
import { reopenReactivation } from './reopen-reactivation';

const TYPE = 'dissolution.proceeding-withdrawn.v1';

@EventHandler(TYPE)
export class ProceedingWithdrawnConsumer implements EventConsumer<typeof TYPE> {
  constructor(
    private readonly readModel: CooperativeReadModel,
    private readonly cases: CaseLifecycle,
  ) {}

  async handle(event: EventEnvelope<typeof TYPE>, tx: Tx): Promise<void> {
    const { data } = event;
    await reopenReactivation(
      tx,
      this.readModel,
      this.cases,
      data.cooperativeId,
      `Dissolution proceeding withdrawn: ${data.reason}`,
    );
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxRelay, Tx } from '@koperasi/platform';

/** One transaction with its outbox events and audit records; they go to the relay after the commit. */
@Injectable()
export class ConsoleUnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    let tx!: Tx;
    const result = await this.dataSource.transaction((manager) =>
      work((tx = new Tx(manager, this.relay.claimForTransaction()))),
    );
    this.relay.committed(tx.afterCommit().outbox);
    return result;
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxRelay, Tx } from '@koperasi/platform';

/** One transaction with its outbox events and audit records; the relay is woken after the commit. */
@Injectable()
export class ConsoleUnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    let tx!: Tx;
    const result = await this.dataSource.transaction((manager) => work((tx = new Tx(manager))));
    if (tx.afterCommit().published > 0) this.relay.wake();
    return result;
  }
}

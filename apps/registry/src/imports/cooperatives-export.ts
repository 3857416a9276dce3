import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { applyFilters, applyOrder, encodeCursor } from '../cooperatives/cooperative-query';
import type { CooperativeFilterQuery } from '../cooperatives/dto/list-cooperatives.query';
import { COOPERATIVE_COLUMNS } from './csv-columns';

const BATCH = 2_000;
const HEADERS = [...COOPERATIVE_COLUMNS.map((c) => c.header), 'lastRatYear', 'id'];

/**
 * The filtered list as CSV in the import's columns (re-importable), read in keyset batches on
 * demand: the next batch is read only when the client has taken the previous one.
 */
@Injectable()
export class CooperativesExport {
  constructor(private readonly dataSource: DataSource) {}

  async *csv(filter: CooperativeFilterQuery): AsyncGenerator<string> {
    yield `\uFEFF${stringify([HEADERS])}`;
    let after: string | undefined;
    for (;;) {
      const batch = await this.batch(filter, after);
      if (batch.length === 0) return;
      yield stringify(batch.map((c) => HEADERS.map((header) => cell(c, header))));
      if (batch.length < BATCH) return;
      after = encodeCursor(filter.sort, batch[batch.length - 1]);
    }
  }

  private batch(filter: CooperativeFilterQuery, after: string | undefined): Promise<Cooperative[]> {
    const query = applyFilters(this.dataSource.getRepository(Cooperative).createQueryBuilder('c'), filter);
    return applyOrder(query, filter, after).limit(BATCH).getMany();
  }
}

function cell(c: Cooperative, header: string): string | number {
  if (header === 'status') return c.status;
  if (header === 'lastRatYear') return c.lastRatYear > 0 ? c.lastRatYear : '';
  const value = (c as unknown as Record<string, unknown>)[header];
  return value === null || value === undefined ? '' : (value as string | number);
}

import { badRequest } from '@koperasi/platform';
import type { SelectQueryBuilder } from 'typeorm';
import { kecamatanAsConfigured } from '../areas/kecamatan-filter';
import type { Cooperative } from './cooperative.entity';
import type { CooperativeFilterQuery, CooperativeSort } from './dto/list-cooperatives.query';

const SORT_COLUMNS: Record<CooperativeSort, string> = {
  name: 'c.name',
  registeredAt: 'c.registered_at',
  legalEntityNumber: 'c.legal_entity_number',
  lastRatYear: 'c.last_rat_year',
};

const SORT_VALUE: Record<CooperativeSort, (c: Cooperative) => string | number> = {
  name: (c) => c.name,
  registeredAt: (c) => c.registeredAt.toISOString(),
  legalEntityNumber: (c) => c.legalEntityNumber,
  lastRatYear: (c) => c.lastRatYear,
};

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (char) => `\\${char}`);

/** Applies the list filters; each one is backed by an index of the cooperatives table. */
export function applyFilters(
  query: SelectQueryBuilder<Cooperative>,
  filter: CooperativeFilterQuery,
): SelectQueryBuilder<Cooperative> {
  if (filter.q) {
    const q = escapeLike(filter.q.trim().toLowerCase());
    query.andWhere(`(lower(c.name) LIKE :contains OR lower(c.legal_entity_number) LIKE :prefix OR c.nik = :exact)`, {
      contains: `%${q}%`,
      prefix: `${q}%`,
      exact: filter.q.trim(),
    });
  }
  if (filter.kecamatan)
    query.andWhere(`c.kecamatan = ${kecamatanAsConfigured(':kecamatan')}`, { kecamatan: filter.kecamatan });
  if (filter.type) query.andWhere('c.type = :type', { type: filter.type });
  if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
  if (filter.lastRatYear !== undefined)
    query.andWhere('c.last_rat_year = :lastRatYear', { lastRatYear: filter.lastRatYear });
  if (filter.nikCertificateStatus)
    query.andWhere('c.nik_certificate_status = :nikStatus', { nikStatus: filter.nikCertificateStatus });
  return query;
}

/** Orders by the sort column then id; with a cursor, continues after the last row of the previous page. */
export function applyOrder(
  query: SelectQueryBuilder<Cooperative>,
  filter: CooperativeFilterQuery,
  after?: string,
): SelectQueryBuilder<Cooperative> {
  const column = SORT_COLUMNS[filter.sort];
  const direction = filter.order === 'desc' ? 'DESC' : 'ASC';
  if (after) {
    const [value, id] = decodeCursor(after);
    query.andWhere(`(${column}, c.id) ${direction === 'ASC' ? '>' : '<'} (:cursorValue, :cursorId)`, {
      cursorValue: value,
      cursorId: id,
    });
  }
  return query.orderBy(column, direction).addOrderBy('c.id', direction);
}

export function encodeCursor(sort: CooperativeSort, last: Cooperative): string {
  return Buffer.from(JSON.stringify([SORT_VALUE[sort](last), last.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string | number, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[1] === 'string' &&
      /^[0-9a-f-]{36}$/.test(parsed[1])
    ) {
      return [parsed[0] as string | number, parsed[1]];
    }
  } catch {
    // falls through to the error below
  }
  throw badRequest('INVALID_CURSOR', 'The cursor is not one this service returned');
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  limit: number;
  offset: number;
}

/** Reads the audit trail; writes happen through `Tx.audit` in the transaction of the change. */
@Injectable()
export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  async find(query: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
    const where = Object.fromEntries(
      Object.entries({ entityType: query.entityType, entityId: query.entityId, actorId: query.actorId }).filter(
        ([, value]) => value !== undefined,
      ),
    );
    const [items, total] = await this.dataSource.getRepository(AuditEntry).findAndCount({
      where,
      order: { at: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items, total };
  }
}

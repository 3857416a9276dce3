import { Injectable } from '@nestjs/common';
import type { Role } from '@koperasi/contracts';
import type { Tx } from '@koperasi/platform';
import { DataSource } from 'typeorm';
import { Notification } from './notification.entity';

/** Notifications are rows written in the transaction of the change that caused them. */
@Injectable()
export class Notifications {
  constructor(private readonly dataSource: DataSource) {}

  async notify(tx: Tx, recipientRole: Role, kind: string, proceedingId: string, message: string): Promise<void> {
    await tx.manager.insert(Notification, { recipientRole, kind, proceedingId, message });
  }

  async list(roles: Role[], limit: number, offset: number): Promise<{ items: Notification[]; total: number }> {
    const [items, total] = await this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.recipient_role IN (:...roles)', { roles })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'ASC')
      .take(limit)
      .skip(offset)
      .getManyAndCount();
    return { items, total };
  }
}

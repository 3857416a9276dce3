import { Injectable } from '@nestjs/common';
import type { Role } from '@koperasi/contracts';
import { NotificationReadState, UnitOfWork, type Tx } from '@koperasi/platform';
import { DataSource } from 'typeorm';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { englishText, type NotificationKind, type NotificationParams } from './notification-kinds';
import { Notification } from './notification.entity';

/** Addressed to a role the user holds ($1, the user id, is only used for the read state). */
const ADDRESSED = `n.recipient_role = ANY($2::text[])`;
const COLUMNS = `n.id, n.kind, n.params, n.message, n.proceeding_id AS "proceedingId", n.recipient_role AS "recipientRole", n.created_at AS "createdAt"`;

/** Notifications are rows written in the transaction of the change that caused them; read state per user. */
@Injectable()
export class Notifications extends NotificationReadState {
  constructor(dataSource: DataSource, uow: UnitOfWork) {
    super(dataSource, uow, ADDRESSED, COLUMNS);
  }

  /** To everyone holding `role`, about a proceeding; the cooperative's name is added to the params. */
  async toRole(
    tx: Tx,
    role: Role,
    proceeding: { id: string; cooperativeId: string },
    kind: NotificationKind,
    params: NotificationParams,
  ): Promise<void> {
    const cooperative = await tx.manager.findOne(Cooperative, { where: { cooperativeId: proceeding.cooperativeId } });
    const full = {
      cooperativeId: proceeding.cooperativeId,
      cooperativeName: cooperative?.name ?? proceeding.cooperativeId,
      ...params,
    };
    await tx.manager.insert(Notification, {
      recipientRole: role,
      kind,
      proceedingId: proceeding.id,
      params: full,
      message: englishText(kind, full),
    });
  }
}

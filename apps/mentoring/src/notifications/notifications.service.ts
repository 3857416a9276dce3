import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationReadState, UnitOfWork } from '@koperasi/platform';

/** A user's notifications: those addressed to them and those addressed to a role they hold. */
const ADDRESSED = `((n.recipient_kind = 'USER' AND n.recipient = $1::varchar) OR (n.recipient_kind = 'ROLE' AND n.recipient = ANY($2::text[])))`;
const COLUMNS = `n.id, n.kind, n.params, n.case_id AS "caseId", n.message, n.recipient_kind AS "recipientKind", n.recipient, n.created_at AS "createdAt"`;

@Injectable()
export class NotificationsService extends NotificationReadState {
  constructor(dataSource: DataSource, uow: UnitOfWork) {
    super(dataSource, uow, ADDRESSED, COLUMNS);
  }
}

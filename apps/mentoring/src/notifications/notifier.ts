import { Injectable } from '@nestjs/common';
import type { Role } from '@koperasi/contracts';
import type { Tx } from '@koperasi/platform';
import { Notification } from './notification.entity';

export interface NotificationInput {
  kind: string;
  caseId: string | null;
  message: string;
}

/** Writes in-app notifications in the transaction of the change they announce. */
@Injectable()
export class Notifier {
  async toUser(tx: Tx, userId: string, input: NotificationInput): Promise<void> {
    await tx.manager.insert(Notification, { recipientKind: 'USER', recipient: userId, ...input });
  }

  /** Everyone holding the role sees it; each marks it read for themselves. */
  async toRole(tx: Tx, role: Role, input: NotificationInput): Promise<void> {
    await this.toRoleAll(tx, role, [input]);
  }

  async toRoleAll(tx: Tx, role: Role, inputs: NotificationInput[]): Promise<void> {
    if (inputs.length === 0) return;
    await tx.manager.query(
      `INSERT INTO notifications (recipient_kind, recipient, kind, case_id, message)
       SELECT 'ROLE', $1, * FROM unnest($2::varchar[], $3::uuid[], $4::text[])`,
      [
        role,
        inputs.map((input) => input.kind),
        inputs.map((input) => input.caseId),
        inputs.map((input) => input.message),
      ],
    );
  }
}

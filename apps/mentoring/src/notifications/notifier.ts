import { Injectable } from '@nestjs/common';
import type { Role } from '@koperasi/contracts';
import type { Tx } from '@koperasi/platform';
import { englishText, type NotificationKind, type NotificationParams } from './notification-kinds';

export interface NotificationInput {
  kind: NotificationKind;
  caseId: string;
  /** The case's cooperative; its name is added to the params from the read model. */
  cooperativeId: string;
  params: NotificationParams;
}

type Recipient = { kind: 'USER' | 'ROLE'; id: string };

/** Writes in-app notifications in the transaction of the change they announce. */
@Injectable()
export class Notifier {
  async toUser(tx: Tx, userId: string, input: NotificationInput): Promise<void> {
    await this.insert(tx, [{ kind: 'USER', id: userId }], [input]);
  }

  /** One notification to each user: `inputs[i]` to `userIds[i]`. */
  async toUsers(tx: Tx, userIds: string[], inputs: NotificationInput[]): Promise<void> {
    await this.insert(
      tx,
      userIds.map((id) => ({ kind: 'USER', id })),
      inputs,
    );
  }

  /** Everyone holding the role sees it; each marks it read for themselves. */
  async toRole(tx: Tx, role: Role, input: NotificationInput): Promise<void> {
    await this.insert(tx, [{ kind: 'ROLE', id: role }], [input]);
  }

  async toRoleAll(tx: Tx, role: Role, inputs: NotificationInput[]): Promise<void> {
    await this.insert(
      tx,
      inputs.map(() => ({ kind: 'ROLE', id: role })),
      inputs,
    );
  }

  /** `recipients[i]` gets `inputs[i]`. */
  private async insert(tx: Tx, recipients: Recipient[], inputs: NotificationInput[]): Promise<void> {
    if (inputs.length === 0) return;
    const ids = [...new Set(inputs.map((input) => input.cooperativeId))];
    const rows: { id: string; name: string | null }[] = await tx.manager.query(
      `SELECT id, name FROM cooperatives WHERE id = ANY($1::varchar[])`,
      [ids],
    );
    const names = new Map(rows.map((row) => [row.id, row.name]));
    const params = inputs.map((input) => ({
      cooperativeId: input.cooperativeId,
      cooperativeName: names.get(input.cooperativeId) ?? input.cooperativeId,
      ...input.params,
    }));
    await tx.manager.query(
      `INSERT INTO notifications (recipient_kind, recipient, kind, case_id, params, message)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::uuid[], $5::jsonb[], $6::text[])`,
      [
        recipients.map((recipient) => recipient.kind),
        recipients.map((recipient) => recipient.id),
        inputs.map((input) => input.kind),
        inputs.map((input) => input.caseId),
        params.map((value) => JSON.stringify(value)),
        inputs.map((input, index) => englishText(input.kind, params[index])),
      ],
    );
  }
}

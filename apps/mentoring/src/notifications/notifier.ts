import { Injectable } from '@nestjs/common';
import type { Role } from '@koperasi/contracts';
import type { Tx } from '@koperasi/platform';
import { englishText, type NotificationKind, type NotificationParams } from './notification-kinds';

export interface NotificationInput {
  kind: NotificationKind;
  caseId: string;
  /** The case's cooperative; its name is added to the params from the read model. */
  cooperativeId: string;
  /** The cooperative's name in the read model (null: it has none), when the caller has just read it. */
  cooperativeName?: string | null;
  params: NotificationParams;
}

type Recipient = { kind: 'USER' | 'ROLE'; id: string };

/** Writes in-app notifications in the transaction of the change they announce. */
@Injectable()
export class Notifier {
  async toUser(tx: Tx, userId: string, input: NotificationInput): Promise<void> {
    await this.toUserAll(tx, [{ userId, input }]);
  }

  /** Each notification to its own user, in two statements. */
  async toUserAll(tx: Tx, items: { userId: string; input: NotificationInput }[]): Promise<void> {
    await this.insert(
      tx,
      items.map(({ userId, input }) => ({ recipient: { kind: 'USER', id: userId }, input })),
    );
  }

  /** Everyone holding the role sees it; each marks it read for themselves. */
  async toRole(tx: Tx, role: Role, input: NotificationInput): Promise<void> {
    await this.toRoleAll(tx, role, [input]);
  }

  async toRoleAll(tx: Tx, role: Role, inputs: NotificationInput[]): Promise<void> {
    await this.insert(
      tx,
      inputs.map((input) => ({ recipient: { kind: 'ROLE', id: role }, input })),
    );
  }

  private async insert(tx: Tx, items: { recipient: Recipient; input: NotificationInput }[]): Promise<void> {
    if (items.length === 0) return;
    const inputs = items.map(({ input }) => input);
    const ids = [
      ...new Set(inputs.filter((input) => input.cooperativeName === undefined).map((input) => input.cooperativeId)),
    ];
    const rows: { id: string; name: string | null }[] =
      ids.length > 0
        ? await tx.manager.query(`SELECT id, name FROM cooperatives WHERE id = ANY($1::varchar[])`, [ids])
        : [];
    const names = new Map(rows.map((row) => [row.id, row.name]));
    const params = inputs.map((input) => ({
      cooperativeId: input.cooperativeId,
      cooperativeName:
        (input.cooperativeName === undefined ? names.get(input.cooperativeId) : input.cooperativeName) ??
        input.cooperativeId,
      ...input.params,
    }));
    await tx.manager.query(
      `INSERT INTO notifications (recipient_kind, recipient, kind, case_id, params, message)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::uuid[], $5::jsonb[], $6::text[])`,
      [
        items.map(({ recipient }) => recipient.kind),
        items.map(({ recipient }) => recipient.id),
        inputs.map((input) => input.kind),
        inputs.map((input) => input.caseId),
        params.map((value) => JSON.stringify(value)),
        inputs.map((input, index) => englishText(input.kind, params[index])),
      ],
    );
  }
}

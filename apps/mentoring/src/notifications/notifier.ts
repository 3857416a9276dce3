import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Role } from '@koperasi/contracts';
import { unnestSource, type Tx } from '@koperasi/platform';
import { englishText, type NotificationKind, type NotificationParams } from './notification-kinds';

export interface NotificationInput {
  kind: NotificationKind;
  caseId: string;
  /** The case's cooperative; its name is added to the params from the read model. */
  cooperativeId: string;
  params: NotificationParams;
}

export type Recipient = { kind: 'USER' | 'ROLE'; id: string };

export const NOTIFICATION_COLUMNS = 'recipient_kind, recipient, kind, case_id, params, message';

/** Stands for the cooperative's name in a message while it is built, to be replaced in SQL. */
const NAME_MARK = randomUUID();

/**
 * Notifications as a source `(...) AS notification_row (NOTIFICATION_COLUMNS)` over the
 * parameters from `$first` on, so that a statement writing other rows can write them too. Each
 * takes its cooperative's name (its id when it has none) from `cooperatives`: the read model, or a
 * WITH item of the same statement with the read model's new rows (id, name).
 */
export function notificationRows(
  items: { recipient: Recipient; input: NotificationInput }[],
  first: number,
  cooperatives = 'cooperatives',
): { sql: string; params: unknown[][] } {
  const params = items.map(({ input }) => ({ cooperativeId: input.cooperativeId, ...input.params }));
  const columns = 'recipient_kind, recipient, kind, case_id, cooperative_id, params, message';
  const types = ['varchar', 'varchar', 'varchar', 'uuid', 'varchar', 'jsonb', 'jsonb'];
  const name = 'coalesce(co.name, n.cooperative_id)';
  return {
    sql: `(SELECT n.recipient_kind, n.recipient, n.kind, n.case_id,
             n.params || jsonb_build_object('cooperativeName', ${name}),
             array_to_string(ARRAY(SELECT part FROM jsonb_array_elements_text(n.message) WITH ORDINALITY AS m (part, at) ORDER BY at), ${name})
           FROM ${unnestSource('n', columns, types, first)}
           LEFT JOIN ${cooperatives} co ON co.id = n.cooperative_id) AS notification_row (${NOTIFICATION_COLUMNS})`,
    params: [
      items.map(({ recipient }) => recipient.kind),
      items.map(({ recipient }) => recipient.id),
      items.map(({ input }) => input.kind),
      items.map(({ input }) => input.caseId),
      items.map(({ input }) => input.cooperativeId),
      params.map((value) => JSON.stringify(value)),
      items.map(({ input }, index) =>
        JSON.stringify(englishText(input.kind, { ...params[index], cooperativeName: NAME_MARK }).split(NAME_MARK)),
      ),
    ],
  };
}

/** Writes in-app notifications in the transaction of the change they announce. */
@Injectable()
export class Notifier {
  async toUser(tx: Tx, userId: string, input: NotificationInput): Promise<void> {
    await this.toUserAll(tx, [{ userId, input }]);
  }

  /** Each notification to its own user, in one statement. */
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
    const rows = notificationRows(items, 1);
    await tx.manager.query(
      `INSERT INTO notifications (${NOTIFICATION_COLUMNS}) SELECT * FROM ${rows.sql}`,
      rows.params,
    );
  }
}

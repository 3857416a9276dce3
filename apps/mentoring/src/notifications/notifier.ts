import { Injectable } from '@nestjs/common';
import type { Role } from '@koperasi/contracts';
import { unnestSource, type Tx } from '@koperasi/platform';
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

export type Recipient = { kind: 'USER' | 'ROLE'; id: string };

export const NOTIFICATION_COLUMNS = 'recipient_kind, recipient, kind, case_id, params, message';

/** A notification whose cooperative's name is known (null: the read model has none). */
export type NamedNotification = NotificationInput & { cooperativeName: string | null };

/**
 * Notifications as a source `unnest(...) AS notification_row (NOTIFICATION_COLUMNS)` over the
 * parameters from `$first` on, so that a statement writing other rows can write them too.
 */
export function notificationRows(
  items: { recipient: Recipient; input: NamedNotification }[],
  first: number,
): { sql: string; params: unknown[][] } {
  const params = items.map(({ input }) => ({
    cooperativeId: input.cooperativeId,
    cooperativeName: input.cooperativeName ?? input.cooperativeId,
    ...input.params,
  }));
  const types = ['varchar', 'varchar', 'varchar', 'uuid', 'jsonb', 'text'];
  return {
    sql: unnestSource('notification_row', NOTIFICATION_COLUMNS, types, first),
    params: [
      items.map(({ recipient }) => recipient.kind),
      items.map(({ recipient }) => recipient.id),
      items.map(({ input }) => input.kind),
      items.map(({ input }) => input.caseId),
      params.map((value) => JSON.stringify(value)),
      items.map(({ input }, index) => englishText(input.kind, params[index])),
    ],
  };
}

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
    const names = await cooperativeNames(
      tx,
      items.map(({ input }) => input),
    );
    const rows = notificationRows(
      items.map(({ recipient, input }) => ({
        recipient,
        input: { ...input, cooperativeName: names.get(input.cooperativeId) ?? null },
      })),
      1,
    );
    await tx.manager.query(
      `INSERT INTO notifications (${NOTIFICATION_COLUMNS}) SELECT * FROM ${rows.sql}`,
      rows.params,
    );
  }
}

/**
 * The name of each item's cooperative: the one it carries (`cooperativeName`), else the read
 * model's, read in one statement only for those that carry none.
 */
export async function cooperativeNames(
  tx: Tx,
  items: { cooperativeId: string; cooperativeName?: string | null }[],
): Promise<Map<string, string | null>> {
  const names = new Map<string, string | null>();
  for (const item of items) if (item.cooperativeName !== undefined) names.set(item.cooperativeId, item.cooperativeName);
  const missing = [...new Set(items.map((item) => item.cooperativeId).filter((id) => !names.has(id)))];
  if (missing.length > 0) {
    const rows: { id: string; name: string | null }[] = await tx.manager.query(
      `SELECT id, name FROM cooperatives WHERE id = ANY($1::varchar[])`,
      [missing],
    );
    for (const row of rows) names.set(row.id, row.name);
  }
  return names;
}

import { Injectable } from '@nestjs/common';
import type { CooperativeSnapshot } from '@koperasi/contracts';
import { unnestSource, type Tx } from '@koperasi/platform';
import { Cooperative } from './cooperative.entity';

/** A snapshot with the moment its status took effect (null when it carries no status change). */
export type DatedSnapshot = CooperativeSnapshot & { statusChangedAt: Date | null };

/** A status change as our own history keeps it (cooperative_status_transitions): one per status-changed event. */
export interface StatusTransitionRecord {
  eventId: string;
  cooperativeId: string;
  from: string;
  to: string;
  reason: string;
  changedAt: string;
}

/** What the read model holds of a cooperative after an upsert. */
export interface HeldCooperative {
  status: string | null;
}

/** A row of `upserted`, as a statement's final query answers it. */
export type HeldRow = { id: string } & HeldCooperative;

export const heldCooperatives = (rows: HeldRow[]): Map<string, HeldCooperative> =>
  new Map(rows.map(({ id, status }) => [id, { status }]));

/** What the queue search matches, from a row of the read model aliased `alias`: one value per line. */
export const searchTextOf = (alias: string) =>
  `concat_ws(E'\\n', ${alias}.name, ${alias}.legal_entity_number, ${alias}.nik)`;

const SNAPSHOT_COLUMNS =
  'id, name, legal_entity_number, nik, kecamatan, kelurahan, cooperative_type, status, status_changed_at, registry_version';
const SNAPSHOT_TYPES = [...Array(8).fill('varchar'), 'timestamptz', 'int'];

/** Keeps the read model of cooperatives from the registry's snapshots. */
@Injectable()
export class CooperativeReadModel {
  /** Upserts one snapshot; answers the status the read model holds afterwards. */
  async upsert(tx: Tx, snapshot: CooperativeSnapshot, statusChangedAt: Date | null = null): Promise<string | null> {
    const held = await this.upsertMany(tx, [{ ...snapshot, statusChangedAt }]);
    return held.get(snapshot.cooperativeId)?.status ?? null;
  }

  /**
   * Upserts snapshots of distinct cooperatives in one statement, taking only newer information:
   * a snapshot carrying the registry's version replaces one with a lower version and nothing
   * else, so a late, older event (details or status) cannot undo a newer one. A snapshot without
   * a version (published before versions existed) falls back to the old rules: details when no
   * versioned snapshot is held, the status only when `statusChangedAt` is not older than the one
   * stored. Answers the status each cooperative holds afterwards. The `transitions` of
   * status changes go into our history in the same statement; an event recorded before is not
   * recorded again.
   */
  async upsertMany(
    tx: Tx,
    snapshots: DatedSnapshot[],
    transitions: StatusTransitionRecord[] = [],
  ): Promise<Map<string, HeldCooperative>> {
    const upsert = this.upsertStatement(snapshots, transitions, 1);
    const rows: HeldRow[] = await tx.manager.query(
      `WITH ${upsert.with} SELECT id, status FROM upserted`,
      upsert.params,
    );
    return heldCooperatives(rows);
  }

  /**
   * upsertMany as WITH items of a larger statement, with parameters from `$first` on: `upserted`
   * holds each cooperative's row afterwards (id, status, name, legal_entity_number, nik,
   * kecamatan). With `when`, a SQL condition, nothing is written unless it holds.
   */
  upsertStatement(
    snapshots: DatedSnapshot[],
    transitions: StatusTransitionRecord[],
    first: number,
    when = 'true',
  ): { with: string; params: unknown[] } {
    const column = <K extends keyof DatedSnapshot>(key: K) => snapshots.map((snapshot) => snapshot[key] ?? null);
    const transitionColumn = <K extends keyof StatusTransitionRecord>(key: K) => transitions.map((row) => row[key]);
    const recorded =
      transitions.length === 0
        ? ''
        : `recorded AS (
       INSERT INTO cooperative_status_transitions (event_id, cooperative_id, from_status, to_status, reason, changed_at)
       SELECT * FROM ${unnestSource('t', 'event_id, cooperative_id, from_status, to_status, reason, changed_at', ['uuid', 'varchar', 'varchar', 'varchar', 'text', 'timestamptz'], first + 10)}
       WHERE ${when}
       ON CONFLICT (event_id) DO NOTHING),
     `;
    const newer = `(c.registry_version IS NULL OR EXCLUDED.registry_version > c.registry_version)`;
    const detail = (name: string) => `${name} = CASE WHEN ${newer} THEN EXCLUDED.${name} ELSE c.${name} END`;
    // Cases carry what the queue filters on: the kecamatan (open cases) and the search text (all).
    return {
      with: `${recorded}upserted AS (
       INSERT INTO cooperatives AS c (${SNAPSHOT_COLUMNS})
       SELECT * FROM ${unnestSource('s', SNAPSHOT_COLUMNS, SNAPSHOT_TYPES, first)}
       WHERE ${when}
       ON CONFLICT (id) DO UPDATE SET
         ${['name', 'legal_entity_number', 'nik', 'kecamatan', 'kelurahan', 'cooperative_type'].map(detail).join(', ')},
         status = CASE WHEN EXCLUDED.registry_version IS NOT NULL AND c.registry_version IS NOT NULL
                         THEN CASE WHEN ${newer} THEN EXCLUDED.status ELSE c.status END
                       WHEN EXCLUDED.status_changed_at IS NULL AND c.status_changed_at IS NOT NULL THEN c.status
                       WHEN c.status_changed_at IS NULL OR EXCLUDED.status_changed_at >= c.status_changed_at THEN EXCLUDED.status
                       ELSE c.status END,
         status_changed_at = CASE WHEN EXCLUDED.registry_version IS NOT NULL AND NOT ${newer} THEN c.status_changed_at
                                  ELSE GREATEST(c.status_changed_at, EXCLUDED.status_changed_at) END,
         registry_version = GREATEST(c.registry_version, EXCLUDED.registry_version),
         updated_at = now()
       RETURNING id, status, name, legal_entity_number, nik, kecamatan),
     copied AS (
       UPDATE cases c SET kecamatan = CASE WHEN c.status <> 'CLOSED' THEN co.kecamatan ELSE c.kecamatan END, search_text = ${searchTextOf('co')}
       FROM upserted co WHERE c.cooperative_id = co.id
         AND ((c.status <> 'CLOSED' AND c.kecamatan IS DISTINCT FROM co.kecamatan) OR c.search_text IS DISTINCT FROM ${searchTextOf('co')}))`,
      params: [
        column('cooperativeId'),
        column('name'),
        column('legalEntityNumber'),
        column('nik'),
        column('kecamatan'),
        column('kelurahan'),
        column('type'),
        column('status'),
        column('statusChangedAt'),
        column('cooperativeVersion'),
        ...(transitions.length === 0
          ? []
          : [
              transitionColumn('eventId'),
              transitionColumn('cooperativeId'),
              transitionColumn('from'),
              transitionColumn('to'),
              transitionColumn('reason'),
              transitionColumn('changedAt'),
            ]),
      ],
    };
  }

  /** The row for an id, created empty when no snapshot has arrived yet. */
  async ensure(tx: Tx, cooperativeId: string): Promise<Cooperative> {
    await tx.manager.query(`INSERT INTO cooperatives (id) VALUES ($1) ON CONFLICT (id) DO NOTHING`, [cooperativeId]);
    return tx.manager.findOneByOrFail(Cooperative, { id: cooperativeId });
  }
}

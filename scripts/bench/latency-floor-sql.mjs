// The latency floor's statements: for one upheld objection, what the registry, mentoring and
// dissolution write, each service's rows in one statement (one round trip, its own transaction).
// The consumers' parts are the evaluation floor's (floor-sql.mjs) over a one-event "wave".
import {
  caseValues,
  dissolutionReadModelSql,
  mentoringReadModelSql,
  openCasesSql,
  processedSql,
} from './floor-sql.mjs';

const OBJECTION_UPHELD = 'dissolution.objection-upheld.v1';
const STATUS_CHANGED = 'registry.cooperative-status-changed.v1';

/**
 * Registry: the inbox record of the objection, then StatusChangingConsumer: the status change,
 * its history, audit and outbox row (marked published: the floor publishes it itself after the
 * commit, with no relay). Answers the envelope, or no row when the cooperative was not IN_DISSOLUTION.
 */
export const REGISTRY_EVENT_SQL = `
  WITH processed AS (
    INSERT INTO registry.processed_events (consumer, event_id, type) VALUES ('registry', $1, '${OBJECTION_UPHELD}')),
  changed AS (
    UPDATE registry.cooperatives c SET status = 'INACTIVE', status_changed_at = now(), version = c.version + 1
    WHERE c.id = $2 AND c.status = 'IN_DISSOLUTION'
    RETURNING c.id, c.name, c.legal_entity_number, c.nik, c.kecamatan, c.kelurahan, c.type, c.version),
  history AS (
    INSERT INTO registry.status_history (cooperative_id, from_status, to_status, at, effective_on, reason, actor_id, triggering_event_id)
    SELECT id, 'IN_DISSOLUTION', 'INACTIVE', now(),
      GREATEST((now() + $5 * interval '1 minute')::date,
               (SELECT max(p.effective_on) FROM registry.status_history p WHERE p.cooperative_id = $2)),
      $4, $6, $1
    FROM changed),
  audit AS (
    INSERT INTO registry.audit_log (actor_id, action, entity_type, entity_id, before, after, reason, correlation_id)
    SELECT $6, 'cooperative.status-changed', 'Cooperative', id::text, '{"status":"IN_DISSOLUTION"}', '{"status":"INACTIVE"}', $4, $3
    FROM changed)
  INSERT INTO registry.outbox (event_id, type, envelope, published_at)
  SELECT e.event_id, '${STATUS_CHANGED}',
    jsonb_build_object('eventId', e.event_id, 'type', '${STATUS_CHANGED}', 'occurredAt', now(), 'correlationId', $3::text,
      'actor', jsonb_build_object('id', $6::text),
      'data', jsonb_build_object('cooperativeId', c.id, 'name', c.name, 'legalEntityNumber', c.legal_entity_number,
        'nik', c.nik, 'kecamatan', c.kecamatan, 'kelurahan', c.kelurahan, 'type', c.type, 'status', 'INACTIVE',
        'cooperativeVersion', c.version, 'from', 'IN_DISSOLUTION', 'to', 'INACTIVE', 'reason', $4::text,
        'changedAt', now(), 'triggeringEventId', $1)),
    now()
  FROM changed c CROSS JOIN (SELECT gen_random_uuid() AS event_id) e
  RETURNING envelope`;

/** The values of REGISTRY_EVENT_SQL for one upheld objection. */
export const registryEventValues = ({
  objectionId,
  cooperativeId,
  correlationId,
  reason,
  officeOffsetMinutes,
  actorId,
}) => [objectionId, cooperativeId, correlationId, reason, officeOffsetMinutes, actorId];

/** One published envelope, parameter `$n`, as the consumers' statements read their wave (`w`). */
const eventWave = (n) => `w AS (
    SELECT (e ->> 'eventId')::uuid AS event_id, e ->> 'correlationId' AS correlation_id, e -> 'data' AS data,
      e -> 'data' ->> 'cooperativeId' AS key, e -> 'data' ->> 'name' AS name,
      e -> 'data' ->> 'legalEntityNumber' AS legal_entity_number, e -> 'data' ->> 'nik' AS nik,
      e -> 'data' ->> 'kecamatan' AS kecamatan, e -> 'data' ->> 'kelurahan' AS kelurahan,
      e -> 'data' ->> 'type' AS type, (e -> 'data' ->> 'cooperativeVersion')::int AS version
    FROM (SELECT $${n}::jsonb AS e) envelope)`;

/**
 * Mentoring for one status change back from IN_DISSOLUTION: inbox record, read model, transition
 * and the REACTIVATION case with everything openMany writes. Values: `mentoringEventValues`.
 */
export function mentoringEventSql() {
  const [readModel, transition] = mentoringReadModelSql('w');
  return `WITH ${eventWave(9)},
    processed AS (${processedSql('mentoring', 'w')}),
    read_model AS (${readModel}),
    transition AS (${transition}),
    ${openCasesSql('w', `'Dissolution ended: '`)}`;
}

export const mentoringEventValues = (settings, envelope) => [...caseValues(settings), envelope];

/** Dissolution for one status change: inbox record, read model and audit. Values: $1 actor, $2 envelope. */
export function dissolutionEventSql() {
  const [readModel, audit] = dissolutionReadModelSql('w');
  return `WITH ${eventWave(2)},
    processed AS (${processedSql('dissolution', 'w')}),
    read_model AS (${readModel})
    ${audit}`;
}

export const dissolutionEventValues = ({ actorId }, envelope) => [actorId, envelope];

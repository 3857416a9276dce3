// The floor's statements: what the registry, mentoring and dissolution write for the evaluation's
// wave, as plain set-based SQL over the wave's cooperatives. Each mirrors a service's code path
// (named above it); the counts are checked against the pipeline's after the run (floor.mjs).

const STATUS_CHANGED = 'registry.cooperative-status-changed.v1';

/**
 * The wave: one row per cooperative made INACTIVE, with the event the registry publishes for it
 * (its id, correlation id and data), which the mentoring and dissolution statements read as their
 * consumers read the event.
 */
const WAVE_TABLE = `
  CREATE TEMP TABLE floor_wave (
    id uuid NOT NULL, key varchar NOT NULL, name varchar, legal_entity_number varchar, nik varchar,
    kecamatan varchar, kelurahan varchar, type varchar, version int,
    event_id uuid NOT NULL, correlation_id uuid NOT NULL, data jsonb NOT NULL
  ) ON COMMIT DROP`;

/** Registry: EvaluationService.start, then .deactivate over the whole registry at once. */
export function registryStatements({
  fiscalYear,
  inactiveAfterYears,
  windowFrom,
  reason,
  actorId,
  officeOffsetMinutes,
}) {
  return [
    {
      text: `INSERT INTO registry.evaluation_runs (fiscal_year, inactive_after_years, dry_run, state, started_by, started_at)
             VALUES ($1, $2, false, 'RUNNING', $3, now()) RETURNING id`,
      values: [fiscalYear, inactiveAfterYears, actorId],
      as: 'run',
    },
    {
      text: `INSERT INTO registry.audit_log (actor_id, action, entity_type, entity_id, after)
             VALUES ($1, 'evaluation.started', 'EvaluationRun', $2, jsonb_build_object('fiscalYear', $3::int, 'dryRun', false))`,
      values: ({ run }) => [actorId, run, fiscalYear],
    },
    { text: WAVE_TABLE },
    {
      text: `WITH changed AS (
               UPDATE registry.cooperatives c
               SET status = 'INACTIVE', status_changed_at = now(), updated_at = now(), version = c.version + 1
               WHERE c.status = 'ACTIVE'
                 AND NOT EXISTS (SELECT 1 FROM registry.rats r WHERE r.cooperative_id = c.id AND r.fiscal_year >= $1)
               RETURNING c.id, c.name, c.legal_entity_number, c.nik, c.kecamatan, c.kelurahan, c.type, c.version)
             INSERT INTO floor_wave
             SELECT id, id::text, name, legal_entity_number, nik, kecamatan, kelurahan, type, version,
               gen_random_uuid(), gen_random_uuid(),
               jsonb_build_object('cooperativeId', id, 'name', name, 'legalEntityNumber', legal_entity_number,
                 'nik', nik, 'kecamatan', kecamatan, 'kelurahan', kelurahan, 'type', type, 'status', 'INACTIVE',
                 'cooperativeVersion', version, 'from', 'ACTIVE', 'to', 'INACTIVE', 'reason', $2::text,
                 'changedAt', now(), 'triggeringEventId', null)
             FROM changed`,
      values: [windowFrom, reason],
    },
    { text: 'ANALYZE floor_wave' },
    {
      text: `INSERT INTO registry.status_history (cooperative_id, from_status, to_status, at, effective_on, reason, actor_id, evaluation_run_id)
             SELECT id, 'ACTIVE', 'INACTIVE', now(), (now() + $4 * interval '1 minute')::date, $1, $2, $3 FROM floor_wave`,
      values: ({ run }) => [reason, actorId, run, officeOffsetMinutes],
    },
    {
      text: `INSERT INTO registry.evaluation_run_cooperatives (run_id, cooperative_id) SELECT $1, id FROM floor_wave`,
      values: ({ run }) => [run],
    },
    {
      text: `INSERT INTO registry.outbox (event_id, type, envelope)
             SELECT event_id, $1::text, jsonb_build_object('eventId', event_id, 'type', $1::text, 'occurredAt', now(),
               'correlationId', correlation_id, 'actor', jsonb_build_object('id', $2::text), 'data', data)
             FROM floor_wave`,
      values: [STATUS_CHANGED, actorId],
    },
    {
      text: `INSERT INTO registry.audit_log (actor_id, action, entity_type, entity_id, before, after, reason)
             SELECT $1, 'cooperative.status-changed', 'Cooperative', id::text, '{"status":"ACTIVE"}',
               jsonb_build_object('status', 'INACTIVE', 'evaluationRunId', $2::uuid), $3
             FROM floor_wave`,
      values: ({ run }) => [actorId, run, reason],
    },
    {
      text: `UPDATE registry.evaluation_runs r SET state = 'COMPLETED', finished_at = now(),
               total = t.total, processed = t.total, became_inactive = t.changed,
               kept_active = t.active, not_active = t.total - t.active - t.changed
             FROM (SELECT count(*)::int AS total, (count(*) FILTER (WHERE status = 'ACTIVE'))::int AS active,
                          (SELECT count(*)::int FROM floor_wave) AS changed FROM registry.cooperatives) t
             WHERE r.id = $1`,
      values: ({ run }) => [run],
    },
  ];
}

/** A consumer's inbox record of each event of `wave` (InboxApplier.recordProcessed). */
export const processedSql = (schema, wave) =>
  `INSERT INTO ${schema}.processed_events (consumer, event_id, type) SELECT '${schema}', event_id, '${STATUS_CHANGED}' FROM ${wave}`;

/** Mentoring's read model and status history (CooperativeReadModel.upsertMany, recordTransitions). */
export const mentoringReadModelSql = (wave) => [
  `UPDATE mentoring.cooperatives c SET name = w.name, legal_entity_number = w.legal_entity_number, nik = w.nik,
     kecamatan = w.kecamatan, kelurahan = w.kelurahan, cooperative_type = w.type, status = w.data ->> 'to',
     status_changed_at = (w.data ->> 'changedAt')::timestamptz, registry_version = w.version, updated_at = now()
   FROM ${wave} w WHERE c.id = w.key`,
  `INSERT INTO mentoring.cooperative_status_transitions (event_id, cooperative_id, from_status, to_status, reason, changed_at)
   SELECT event_id, key, data ->> 'from', data ->> 'to', data ->> 'reason', (data ->> 'changedAt')::timestamptz FROM ${wave}`,
];

/**
 * CaseLifecycle.openMany for each event of `wave`, as common table expressions followed by the
 * final INSERT: the case with its checklist, SLA timers, history, audit and notification. Its
 * values are `caseValues(...)`; `reasonPrefix` is the consumer's (a SQL string literal).
 */
export const openCasesSql = (wave, reasonPrefix) => {
  const openedReason = `${reasonPrefix} || (w.data ->> 'reason')`;
  return `opened AS (
      INSERT INTO mentoring.cases (type, cooperative_id, kecamatan, search_text, status, priority, priority_rank,
        due_at, opened_at, opened_by, opened_reason)
      SELECT 'REACTIVATION', w.key, co.kecamatan, concat_ws(E'\\n', co.name, co.legal_entity_number, co.nik),
        'UNASSIGNED', $2, $3, now() + $4 * interval '1 day', now(), $1, ${openedReason}
      FROM ${wave} w LEFT JOIN mentoring.cooperatives co ON co.id = w.key
      ON CONFLICT (cooperative_id, type) WHERE status <> 'CLOSED' DO NOTHING
      RETURNING id, cooperative_id, status, priority, due_at, opened_reason),
    cases AS (
      SELECT o.*, w.correlation_id, co.name AS cooperative_name
      FROM opened o JOIN ${wave} w ON w.key = o.cooperative_id
      LEFT JOIN mentoring.cooperatives co ON co.id = o.cooperative_id),
    checklist AS (
      INSERT INTO mentoring.case_checklist_items (case_id, code, label, position)
      SELECT c.id, s.code, s.label, s.position
      FROM cases c CROSS JOIN unnest($6::varchar[], $7::varchar[], $8::smallint[]) AS s (code, label, position)),
    timers AS (
      INSERT INTO mentoring.deadlines (kind, subject_id, due_at, payload, state, correlation_id)
      SELECT t.kind, c.id::text, t.due_at, '{}', 'PENDING', c.correlation_id
      FROM cases c CROSS JOIN LATERAL (VALUES
        ('mentoring.case-reminder', CASE WHEN c.due_at > now() THEN greatest(now(), c.due_at - $5 * interval '1 day') END),
        ('mentoring.case-overdue', c.due_at)) AS t (kind, due_at)
      WHERE t.due_at IS NOT NULL),
    history AS (
      INSERT INTO mentoring.case_history (case_id, actor_id, action, to_status, reason, details)
      SELECT id, $1, 'OPENED', status, opened_reason, '{"type":"REACTIVATION"}' FROM cases),
    audit AS (
      INSERT INTO mentoring.audit_log (actor_id, action, entity_type, entity_id, after, reason, correlation_id)
      SELECT $1, 'case.opened', 'Case', id::text,
        jsonb_build_object('status', status, 'assigneeId', null, 'priority', priority, 'dueAt', due_at,
          'holdUntil', null, 'outcome', null),
        opened_reason, correlation_id
      FROM cases)
    INSERT INTO mentoring.notifications (recipient_kind, recipient, kind, case_id, params, message)
    SELECT 'ROLE', 'supervisor', 'CASE_OPENED', id,
      jsonb_build_object('cooperativeId', cooperative_id, 'cooperativeName', coalesce(cooperative_name, cooperative_id),
        'caseType', 'REACTIVATION', 'reason', opened_reason, 'priority', priority),
      format('REACTIVATION case opened for %s: %s', coalesce(cooperative_name, cooperative_id), opened_reason)
    FROM cases`;
};

/** The values of openCasesSql, $1 to $8. */
export const caseValues = ({ actorId, priority, priorityRank, slaDays, reminderDaysBefore, checklist }) => [
  actorId,
  priority,
  priorityRank,
  slaDays,
  reminderDaysBefore,
  checklist.map((step) => step.code),
  checklist.map((step) => step.label),
  checklist.map((_, position) => position),
];

/** Dissolution's read model and audit (applySnapshots). */
export const dissolutionReadModelSql = (wave) => [
  `UPDATE dissolution.cooperatives c SET name = w.name, legal_entity_number = w.legal_entity_number, nik = w.nik,
     kecamatan = w.kecamatan, kelurahan = w.kelurahan, type = w.type, status = w.data ->> 'to',
     snapshot_at = (w.data ->> 'changedAt')::timestamptz, registry_version = w.version, updated_at = now()
   FROM ${wave} w WHERE c.cooperative_id = w.key`,
  `INSERT INTO dissolution.audit_log (actor_id, action, entity_type, entity_id, after, correlation_id)
   SELECT $1, 'cooperative.snapshot-applied', 'Cooperative', key, data, correlation_id FROM ${wave}`,
];

/** Mentoring: the inbox (processed_events), then CooperativeStatusChangedConsumer.handleBatch. */
export function mentoringStatements(settings) {
  return [
    { text: processedSql('mentoring', 'floor_wave') },
    ...mentoringReadModelSql('floor_wave').map((text) => ({ text })),
    { text: `WITH ${openCasesSql('floor_wave', `'Became inactive: '`)}`, values: caseValues(settings) },
  ];
}

/** Dissolution: the inbox (processed_events), then CooperativeStatusChangedConsumer.handleBatch (applySnapshots). */
export function dissolutionStatements({ actorId }) {
  const [readModel, audit] = dissolutionReadModelSql('floor_wave');
  return [{ text: processedSql('dissolution', 'floor_wave') }, { text: readModel }, { text: audit, values: [actorId] }];
}

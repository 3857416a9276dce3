import { z } from 'zod';
import { ROLES } from './roles';
import {
  COOPERATIVE_STATUSES,
  DISSOLUTION_GROUNDS,
  HEALTH_CATEGORIES,
  REACTIVATION_FAILURE_OUTCOMES,
  STATUS_CHANGE_REFUSAL_REASONS,
} from './domain-codes';

/**
 * Every event type and its payload schema. Types are facts in the past tense, versioned:
 * a breaking change to a payload is a new type (`.v2`), never an edit of an existing one.
 */
const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });
const id = z.string().min(1);
const status = z.enum(COOPERATIVE_STATUSES);
/**
 * On a status-changing event: the status the producer expects the cooperative to be in; the
 * registry applies the change only from it and otherwise answers registry.status-change-refused.v1.
 */
const expectedStatus = { expectedStatus: status };

/**
 * The registry's version of the cooperative once the event's change was made: it grows with
 * every change, so a consumer applies a snapshot only when it is newer than what it holds.
 * Optional: events published before it existed may still be in flight.
 */
const cooperativeVersion = z.number().int().min(1).optional();

/** What the services keep of a console user: who may be assigned work, and the name to show. */
const userSnapshot = {
  userId: id,
  username: z.string().min(1),
  fullName: z.string().min(1),
  roles: z.array(z.enum(ROLES)),
  kecamatan: z.string().min(1).nullable(),
  active: z.boolean(),
};

/** The part of a cooperative that other services keep in their read models. */
const cooperativeSnapshot = {
  cooperativeId: id,
  name: z.string().min(1),
  legalEntityNumber: z.string().min(1),
  nik: z.string().nullable(),
  kecamatan: z.string().min(1),
  kelurahan: z.string().min(1),
  type: z.string().min(1),
  status,
  cooperativeVersion,
};

export const eventSchemas = {
  'registry.cooperative-registered.v1': z.strictObject({
    ...cooperativeSnapshot,
    registeredAt: isoDateTime,
  }),
  'registry.cooperative-details-changed.v1': z.strictObject({
    ...cooperativeSnapshot,
    changedFields: z.array(z.string()).min(1),
  }),
  'registry.cooperative-status-changed.v1': z.strictObject({
    ...cooperativeSnapshot,
    from: status,
    to: status,
    reason: z.string().min(1),
    changedAt: isoDateTime,
    triggeringEventId: z.string().nullable(),
  }),
  'registry.rat-recorded.v1': z.strictObject({
    cooperativeId: id,
    cooperativeVersion,
    ratId: id,
    fiscalYear: z.number().int(),
    meetingDate: isoDate,
    reportedDate: isoDate,
    late: z.boolean(),
  }),
  'registry.health-assessed.v1': z.strictObject({
    cooperativeId: id,
    cooperativeVersion,
    assessmentId: id,
    fiscalYear: z.number().int(),
    scheme: z.enum(['A', 'B']),
    category: z.enum(HEALTH_CATEGORIES),
    score: z.number().nullable(),
  }),
  'mentoring.reactivation-failed.v1': z.strictObject({
    cooperativeId: id,
    caseId: id,
    outcome: z.enum(REACTIVATION_FAILURE_OUTCOMES),
    evidenceNotes: z.string().min(1),
    closedBy: id,
    closedAt: isoDateTime,
    activities: z.array(
      z.strictObject({ kind: z.string(), occurredOn: isoDate, author: z.string(), text: z.string() }),
    ),
  }),
  'dissolution.proceeding-approved.v1': z.strictObject({
    proceedingId: id,
    cooperativeId: id,
    grounds: z.array(z.enum(DISSOLUTION_GROUNDS)).min(1),
    approvedBy: id,
    approvedAt: isoDateTime,
    ...expectedStatus,
  }),
  'dissolution.proceeding-rejected.v1': z.strictObject({
    proceedingId: id,
    cooperativeId: id,
    reason: z.string().min(1),
    rejectedBy: id,
  }),
  'dissolution.proceeding-withdrawn.v1': z.strictObject({
    proceedingId: id,
    cooperativeId: id,
    reason: z.string().min(1),
    /** True when the withdrawal came after approval, so the registry had set IN_DISSOLUTION. */
    wasApproved: z.boolean(),
    /** Null when the withdrawal came before approval (no status change is asked). */
    expectedStatus: status.nullable(),
  }),
  'dissolution.objection-upheld.v1': z.strictObject({
    proceedingId: id,
    cooperativeId: id,
    reason: z.string().min(1),
    decidedBy: id,
    ...expectedStatus,
  }),
  'dissolution.decree-recorded.v1': z.strictObject({
    proceedingId: id,
    cooperativeId: id,
    decreeNumber: z.string().min(1),
    decreeDate: isoDate,
    ...expectedStatus,
  }),
  'dissolution.gazette-published.v1': z.strictObject({
    proceedingId: id,
    cooperativeId: id,
    publishedOn: isoDate,
    ...expectedStatus,
  }),
  /**
   * The registry did not apply a status-changing event: the cooperative was not in the status the
   * event expected, or the change is not allowed from there. Nothing changed in the registry.
   */
  'registry.status-change-refused.v1': z.strictObject({
    cooperativeId: id,
    proceedingId: id,
    refusedEventId: id,
    refusedEventType: z.string().min(1),
    expectedStatus: status,
    actualStatus: status,
    requestedStatus: status,
    reasonCode: z.enum(STATUS_CHANGE_REFUSAL_REASONS),
    reason: z.string().min(1),
    refusedAt: isoDateTime,
  }),
  'console.user-created.v1': z.strictObject({ ...userSnapshot, changedAt: isoDateTime }),
  'console.user-changed.v1': z.strictObject({ ...userSnapshot, changedAt: isoDateTime }),
  'console.user-deactivated.v1': z.strictObject({ ...userSnapshot, changedAt: isoDateTime }),
} as const;

export type EventType = keyof typeof eventSchemas;
export type EventData<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;
export const EVENT_TYPES = Object.keys(eventSchemas) as EventType[];

/** What the read models keep of a cooperative: the snapshot each registry event about it carries. */
export type CooperativeSnapshot = Pick<
  EventData<'registry.cooperative-registered.v1'>,
  keyof typeof cooperativeSnapshot | 'cooperativeVersion'
>;

export function isEventType(value: string): value is EventType {
  return Object.prototype.hasOwnProperty.call(eventSchemas, value);
}

export type PayloadCheck<T extends EventType> =
  { ok: true; data: EventData<T> } | { ok: false; issues: { path: string; message: string }[] };

/** Validates a payload against its type's schema; producers and consumers both call it. */
export function checkEventData<T extends EventType>(type: T, data: unknown): PayloadCheck<T> {
  const result = eventSchemas[type].safeParse(data);
  if (result.success) return { ok: true, data: result.data as EventData<T> };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  };
}

import { z } from 'zod';
import { ROLES } from './roles';
import {
  COOPERATIVE_STATUSES,
  DISSOLUTION_GROUNDS,
  HEALTH_CATEGORIES,
  REACTIVATION_FAILURE_OUTCOMES,
} from './domain-codes';

/**
 * Every event type and its payload schema. Types are facts in the past tense, versioned:
 * a breaking change to a payload is a new type (`.v2`), never an edit of an existing one.
 */
const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });
const id = z.string().min(1);
const status = z.enum(COOPERATIVE_STATUSES);

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
    ratId: id,
    fiscalYear: z.number().int(),
    meetingDate: isoDate,
    reportedDate: isoDate,
    late: z.boolean(),
  }),
  'registry.health-assessed.v1': z.strictObject({
    cooperativeId: id,
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
  }),
  'dissolution.objection-upheld.v1': z.strictObject({
    proceedingId: id,
    cooperativeId: id,
    reason: z.string().min(1),
    decidedBy: id,
  }),
  'dissolution.decree-recorded.v1': z.strictObject({
    proceedingId: id,
    cooperativeId: id,
    decreeNumber: z.string().min(1),
    decreeDate: isoDate,
  }),
  'dissolution.gazette-published.v1': z.strictObject({
    proceedingId: id,
    cooperativeId: id,
    publishedOn: isoDate,
  }),
  'console.user-created.v1': z.strictObject({ ...userSnapshot, changedAt: isoDateTime }),
  'console.user-changed.v1': z.strictObject({ ...userSnapshot, changedAt: isoDateTime }),
  'console.user-deactivated.v1': z.strictObject({ ...userSnapshot, changedAt: isoDateTime }),
} as const;

export type EventType = keyof typeof eventSchemas;
export type EventData<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;
export const EVENT_TYPES = Object.keys(eventSchemas) as EventType[];

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

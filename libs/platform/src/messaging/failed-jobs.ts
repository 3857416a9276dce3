import type { Job } from 'bullmq';

/** BullMQ's reason for a job it failed because it stalled more often than allowed. */
const STALLED = /stalled more than allowable limit/;
/** How the inbox words a deterministic failure: `CODE: message`. */
const CODED = /^([A-Z][A-Z0-9_]{1,79}): ([\s\S]*)$/;

/** The dead-letter code and message of a job that ended in BullMQ's failed set. */
export function failureOf(job: Pick<Job, 'failedReason'>): { code: string; message: string } {
  const reason = job.failedReason || 'The job failed without a reason';
  if (STALLED.test(reason)) return { code: 'STALLED', message: reason };
  const coded = CODED.exec(reason);
  if (coded) return { code: coded[1], message: coded[2] };
  return { code: 'RETRIES_EXHAUSTED', message: reason };
}

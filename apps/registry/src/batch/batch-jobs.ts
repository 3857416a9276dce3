import type { JobsOptions, Queue } from 'bullmq';

/** Job names on the registry batch queue; renaming one strands jobs already queued. */
export const EVALUATION_JOB = 'annual-evaluation';
export const EVALUATION_CHUNK_JOB = 'annual-evaluation-chunk';
export const IMPORT_JOB = 'csv-import';
export const IMPORT_CHUNK_JOB = 'csv-import-chunk';
export type BatchJobName =
  typeof EVALUATION_JOB | typeof EVALUATION_CHUNK_JOB | typeof IMPORT_JOB | typeof IMPORT_CHUNK_JOB;

/** A run's planning job carries its id; a chunk job its run's id and the chunk's number. */
export interface BatchJobData {
  id: string;
  chunkNo?: number;
}

/** How often every replica checks, once per period across replicas, that each unfinished run's jobs are queued. */
export const BATCH_RESUME_PERIOD_MS = 60_000;

/** BullMQ job ids may not contain ':'; the same run and chunk always give the same id. */
export const batchJobId = (name: BatchJobName, id: string, chunkNo?: number) =>
  chunkNo === undefined ? `${name}-${id}` : `${name}-${id}-${chunkNo}`;

export interface BatchJob {
  name: BatchJobName;
  data: BatchJobData;
}

/**
 * Queues each job unless it is already waiting, active or delayed: a failed one is retried and a
 * completed one replaced (the database says its work is still pending), so calling this again,
 * from any replica, after a crash or a Redis flush, is harmless.
 */
export async function ensureQueued(queue: Queue, jobs: BatchJob[], opts: JobsOptions = {}): Promise<void> {
  const missing: BatchJob[] = [];
  await Promise.all(
    jobs.map(async (job) => {
      const existing = await queue.getJob(batchJobId(job.name, job.data.id, job.data.chunkNo));
      if (!existing) missing.push(job);
      else if (await existing.isFailed()) await existing.retry();
      else if (await existing.isCompleted()) {
        await existing.remove();
        missing.push(job);
      }
    }),
  );
  if (missing.length === 0) return;
  await queue.addBulk(
    missing.map((job) => ({
      name: job.name,
      data: job.data,
      opts: { ...opts, jobId: batchJobId(job.name, job.data.id, job.data.chunkNo) },
    })),
  );
}

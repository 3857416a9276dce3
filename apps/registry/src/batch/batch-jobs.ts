/** Job names on the registry batch queue; renaming one strands jobs already queued. */
export const EVALUATION_JOB = 'annual-evaluation';
export const IMPORT_JOB = 'csv-import';
export type BatchJobName = typeof EVALUATION_JOB | typeof IMPORT_JOB;

export interface BatchJobData {
  id: string;
}

/** BullMQ job ids may not contain ':'. */
export const batchJobId = (name: BatchJobName, id: string) => `${name}-${id}`;

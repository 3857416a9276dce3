import { failureOf } from './failed-jobs';

describe('failureOf', () => {
  it('reads the code the inbox gave a deterministic failure', () => {
    expect(failureOf({ failedReason: 'INVALID_PAYLOAD: to: Required' })).toEqual({
      code: 'INVALID_PAYLOAD',
      message: 'to: Required',
    });
  });

  it('names a job BullMQ failed for stalling, and one that used up its retries', () => {
    expect(failureOf({ failedReason: 'job stalled more than allowable limit' }).code).toBe('STALLED');
    expect(failureOf({ failedReason: 'connect ECONNREFUSED 127.0.0.1:5432' })).toEqual({
      code: 'RETRIES_EXHAUSTED',
      message: 'connect ECONNREFUSED 127.0.0.1:5432',
    });
  });
});

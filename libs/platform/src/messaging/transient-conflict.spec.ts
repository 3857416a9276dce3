import { OptimisticLockVersionMismatchError, QueryFailedError } from 'typeorm';
import { conflict, unprocessable } from '../http/domain-error';
import { isPermanentRefusal, isTransientConflict } from './transient-conflict';

const sqlError = (code: string) => new QueryFailedError('UPDATE x', [], Object.assign(new Error('pg'), { code }));

describe('isTransientConflict', () => {
  it('treats optimistic-lock, serialization and deadlock conflicts as transient', () => {
    expect(isTransientConflict(conflict('STALE_VERSION', 'changed by someone else'))).toBe(true);
    expect(isTransientConflict(new OptimisticLockVersionMismatchError('Case', 1, 2))).toBe(true);
    expect(isTransientConflict(sqlError('40001'))).toBe(true);
    expect(isTransientConflict(sqlError('40P01'))).toBe(true);
  });

  it('leaves rules, other SQL errors and plain errors alone', () => {
    expect(isTransientConflict(unprocessable('INVALID_TRANSITION', 'no'))).toBe(false);
    expect(isTransientConflict(sqlError('23505'))).toBe(false);
    expect(isTransientConflict(new Error('connection refused'))).toBe(false);
  });

  it('calls only a non-transient domain error a permanent refusal', () => {
    expect(isPermanentRefusal(unprocessable('INVALID_TRANSITION', 'no'))).toBe(true);
    expect(isPermanentRefusal(conflict('STALE_VERSION', 'changed'))).toBe(false);
    expect(isPermanentRefusal(new Error('connection refused'))).toBe(false);
  });
});

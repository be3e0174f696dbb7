import { QueryFailedError } from 'typeorm';
import { isLockConflict, isUniqueViolation, retryOnLockConflict } from './database-errors';

const failure = (code: string): QueryFailedError =>
  new QueryFailedError('UPDATE t SET x = 1', [], Object.assign(new Error(code), { code }));

describe('database errors', () => {
  it('tells lock conflicts and unique violations apart', () => {
    expect(isLockConflict(failure('ER_LOCK_DEADLOCK'))).toBe(true);
    expect(isLockConflict(failure('ER_LOCK_WAIT_TIMEOUT'))).toBe(true);
    expect(isLockConflict(failure('ER_DUP_ENTRY'))).toBe(false);
    expect(isUniqueViolation(failure('ER_DUP_ENTRY'))).toBe(true);
    expect(isLockConflict(new Error('ER_LOCK_DEADLOCK'))).toBe(false);
  });

  it('runs the work again after a deadlock, and gives up after the last attempt', async () => {
    let calls = 0;
    const result = await retryOnLockConflict(async () => {
      calls += 1;
      if (calls < 3) throw failure('ER_LOCK_DEADLOCK');
      return 'done';
    });
    expect({ result, calls }).toEqual({ result: 'done', calls: 3 });

    calls = 0;
    await expect(
      retryOnLockConflict(async () => {
        calls += 1;
        throw failure('ER_LOCK_DEADLOCK');
      }, 2),
    ).rejects.toThrow('ER_LOCK_DEADLOCK');
    expect(calls).toBe(2);
  });

  it('does not repeat work that failed for another reason', async () => {
    let calls = 0;
    await expect(
      retryOnLockConflict(async () => {
        calls += 1;
        throw failure('ER_DUP_ENTRY');
      }),
    ).rejects.toThrow('ER_DUP_ENTRY');
    expect(calls).toBe(1);
  });
});

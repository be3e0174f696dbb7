import { itemCountsLine, progressBar, progressLine } from './run-progress-text';

const progress = {
  total: 50,
  done: 12,
  succeeded: 11,
  failed: 1,
  skipped: 0,
  current: 'connection 42',
  updated_at: '2026-12-01T00:00:00.000Z',
};

describe('run progress text', () => {
  it('draws a bar filled by the share done, with the counts and the current item', () => {
    expect(progressBar(progress, 10)).toBe(
      '[##........]  12/50  24%  ok 11  failed 1  skipped 0  connection 42',
    );
    expect(progressBar({ ...progress, done: 50, current: null }, 10)).toBe(
      '[##########]  50/50  100%  ok 11  failed 1  skipped 0',
    );
  });

  it('shows work without a bar while the total is unknown', () => {
    expect(progressBar({ ...progress, total: null }, 10)).toBe(
      '[working]  12  ok 11  failed 1  skipped 0  connection 42',
    );
  });

  it('writes one plain line for logs and pipes', () => {
    expect(progressLine(progress)).toBe(
      'Progress: 12/50 items (11 succeeded, 1 failed, 0 skipped); now: connection 42',
    );
    expect(progressLine({ ...progress, total: null, current: null })).toBe(
      'Progress: 12 items (11 succeeded, 1 failed, 0 skipped)',
    );
  });

  it('sums up the final counts', () => {
    expect(itemCountsLine({ total: 4, succeeded: 3, failed: 1, skipped: 0 })).toBe(
      'Items: 4 total, 3 succeeded, 1 failed, 0 skipped',
    );
  });
});

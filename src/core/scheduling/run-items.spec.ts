import { RunItemTracker, statusFromItems } from './run-items';

describe('statusFromItems', () => {
  const items = (succeeded: number, failed: number, skipped = 0) => ({
    total: succeeded + failed + skipped,
    succeeded,
    failed,
    skipped,
  });

  it('is completed when no items were reported, none existed, or none failed', () => {
    expect(statusFromItems(undefined, null)).toBe('completed');
    expect(statusFromItems('completed', items(0, 0))).toBe('completed');
    expect(statusFromItems('completed', items(5, 0, 2))).toBe('completed');
    expect(statusFromItems(undefined, items(0, 0, 4))).toBe('completed');
  });

  it('is partial when some items failed and some succeeded', () => {
    expect(statusFromItems('completed', items(47, 3))).toBe('partial');
    expect(statusFromItems(undefined, items(1, 1, 9))).toBe('partial');
  });

  it('is failed when items failed and none succeeded, skipped ones aside', () => {
    expect(statusFromItems('completed', items(0, 3))).toBe('failed');
    expect(statusFromItems('completed', items(0, 1, 5))).toBe('failed');
  });

  it('keeps a failed or skipped result the handler returned', () => {
    expect(statusFromItems('failed', items(5, 0))).toBe('failed');
    expect(statusFromItems('skipped', items(1, 1))).toBe('skipped');
  });
});

describe('RunItemTracker', () => {
  it('reports nothing until the handler says something about items', () => {
    const tracker = new RunItemTracker();
    expect(tracker.reported).toBe(false);
    expect(tracker.itemCounts()).toBeNull();
    tracker.setTotal(0);
    expect(tracker.itemCounts()).toEqual({ total: 0, succeeded: 0, failed: 0, skipped: 0 });
  });

  it('counts outcomes and keeps the ids of retryable failures only', () => {
    const tracker = new RunItemTracker();
    tracker.setTotal(4);
    tracker.finished(1, 'succeeded');
    tracker.finished(2, 'failed');
    tracker.finished('3', 'failed', { retryable: false });
    tracker.finished(4, 'skipped');
    expect(tracker.itemCounts()).toEqual({ total: 4, succeeded: 1, failed: 2, skipped: 1 });
    expect(tracker.retryableFailures()).toEqual(['2']);
  });

  it('never reports fewer items in total than it finished', () => {
    const tracker = new RunItemTracker();
    tracker.setTotal(1);
    tracker.finished('a', 'succeeded');
    tracker.finished('b', 'succeeded');
    expect(tracker.itemCounts()?.total).toBe(2);
  });

  it('shows progress with the current item and flags each change once', () => {
    const changes: number[] = [];
    const tracker = new RunItemTracker(() => changes.push(1));
    expect(tracker.takeChange()).toBe(false);
    tracker.setTotal(3);
    tracker.working('connection 7');
    tracker.finished(7, 'succeeded');
    expect(changes).toHaveLength(3);
    expect(tracker.takeChange()).toBe(true);
    expect(tracker.takeChange()).toBe(false);
    expect(tracker.progress(new Date('2026-12-01T00:00:00Z'))).toEqual({
      total: 3,
      done: 1,
      succeeded: 1,
      failed: 0,
      skipped: 0,
      current: 'connection 7',
      updated_at: '2026-12-01T00:00:00.000Z',
    });
  });
});

import { RunStatus } from './scheduling.types';

export const ITEM_OUTCOMES = ['succeeded', 'failed', 'skipped'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

/** How many units of work (connections, files, …) a run processed, by outcome. */
export interface ItemCounts {
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
}

/** A running run's progress as stored in `task_logs.progress` and shown by the API. */
export interface RunProgress {
  /** Items the run will process; null until the handler says. */
  total: number | null;
  /** Items finished, whatever their outcome. */
  done: number;
  succeeded: number;
  failed: number;
  skipped: number;
  /** The item being worked on, in words (e.g. `connection 42`). */
  current: string | null;
  updated_at: string;
}

/**
 * What a handler reports about its items through `run.items`. Counting is in memory; the engine
 * publishes the progress at most once a second, so reporting every item costs no database write.
 */
export interface RunItemReporter {
  /** How many items this run will process (call it once it is known). */
  setTotal(total: number): void;
  /** The item now being worked on. */
  working(label: string): void;
  /**
   * An item finished. A failed item is retried by the run's next attempt unless `retryable` is
   * false (a failure that another try cannot fix, e.g. consent the user has to renew).
   */
  finished(id: string | number, outcome: ItemOutcome, options?: { retryable?: boolean }): void;
}

/** The run's item bookkeeping: the reporter a handler gets, and what the engine reads from it. */
export class RunItemTracker implements RunItemReporter {
  private total: number | null = null;
  private readonly counts = { succeeded: 0, failed: 0, skipped: 0 };
  private readonly retryable: string[] = [];
  private current: string | null = null;
  private changed = false;

  constructor(private readonly onChange: () => void = () => undefined) {}

  setTotal(total: number): void {
    this.total = Math.max(0, Math.trunc(total));
    this.touch();
  }

  working(label: string): void {
    this.current = label;
    this.touch();
  }

  finished(id: string | number, outcome: ItemOutcome, options: { retryable?: boolean } = {}): void {
    this.counts[outcome] += 1;
    if (outcome === 'failed' && options.retryable !== false) this.retryable.push(String(id));
    this.touch();
  }

  /** True when the handler reported anything about items. */
  get reported(): boolean {
    return this.total !== null || this.done > 0;
  }

  get done(): number {
    return this.counts.succeeded + this.counts.failed + this.counts.skipped;
  }

  /** The final counts; `total` is at least the items finished. Null when no items were reported. */
  itemCounts(): ItemCounts | null {
    if (!this.reported) return null;
    return { total: Math.max(this.total ?? 0, this.done), ...this.counts };
  }

  /** Ids of failed items another attempt may fix, in the order they failed. */
  retryableFailures(): string[] {
    return [...this.retryable];
  }

  progress(now: Date): RunProgress {
    return {
      total: this.total,
      done: this.done,
      ...this.counts,
      current: this.current,
      updated_at: now.toISOString(),
    };
  }

  /** True once after each change: what the progress publisher writes. */
  takeChange(): boolean {
    const changed = this.changed;
    this.changed = false;
    return changed;
  }

  private touch(): void {
    this.changed = true;
    this.onChange();
  }
}

/**
 * The status of a run whose handler returned normally, from what it returned and its items:
 * - a `failed` or `skipped` result stays as returned;
 * - no items reported, no items at all (0 of 0), or only succeeded and skipped items: `completed`
 *   (skipped items are work the run decided not to do, not failures);
 * - some items failed and some succeeded: `partial`;
 * - items failed and none succeeded (skipped ones aside): `failed`.
 */
export function statusFromItems(
  returned: 'completed' | 'failed' | 'skipped' | undefined,
  items: ItemCounts | null,
): RunStatus {
  if (returned === 'failed' || returned === 'skipped') return returned;
  if (!items || items.failed === 0) return 'completed';
  return items.succeeded > 0 ? 'partial' : 'failed';
}

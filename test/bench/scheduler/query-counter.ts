import type { Logger as TypeOrmLogger } from 'typeorm';
import { MeasureCommand } from './worker-messages';

const SHAPE_LENGTH = 90;

/**
 * Counts the queries an instance sends during the measurement window, by shape (the statement with
 * identifiers unquoted, cut short). Exact per instance, unlike the server's global counters,
 * which other users of the same server disturb.
 */
export class QueryCounter {
  private window: MeasureCommand | null = null;
  private readonly shapes = new Map<string, number>();
  private total = 0;

  measure(window: MeasureCommand): void {
    this.window = window;
  }

  /** A TypeORM logger that counts every query, then hands it to the app's own logger. */
  wrap(logger: TypeOrmLogger): TypeOrmLogger {
    return new Proxy(logger, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property !== 'logQuery' || typeof value !== 'function') return value;
        return (query: string, ...rest: unknown[]) => {
          this.count(query);
          return (value as (...args: unknown[]) => unknown).call(target, query, ...rest);
        };
      },
    });
  }

  counts(): { total: number; byShape: Record<string, number> } {
    return { total: this.total, byShape: Object.fromEntries(this.shapes) };
  }

  private count(query: string): void {
    const now = Date.now();
    if (!this.window || now < this.window.windowStart || now >= this.window.windowEnd) return;
    this.total++;
    const shape = query.replace(/`/g, '').replace(/\s+/g, ' ').slice(0, SHAPE_LENGTH);
    this.shapes.set(shape, (this.shapes.get(shape) ?? 0) + 1);
  }
}

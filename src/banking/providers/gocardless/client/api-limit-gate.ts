import { abortableSleep } from '../../../../infra/async/abortable-sleep';
import type { RateLimitState } from './gocardless-rate-headers';

/** A pause longer than this is not waited out here: the call goes ahead and may be refused. */
const MAX_PAUSE_MS = 120_000;

/**
 * GoCardless' API-level limit of one endpoint family (e.g. account data, 100 a minute for the
 * company), as its answers' headers tell it: once they say none is left, every caller of this
 * instance waits for the reset instead of collecting 429s.
 */
export class ApiLimitGate {
  private pausedUntil = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void> = abortableSleep,
  ) {}

  /** Learns from one answer's API-level headers (success or failure). */
  observe(state: RateLimitState | null): void {
    if (!state || state.remaining === null || state.remaining > 0) return;
    const resetMs = (state.resetSeconds ?? 1) * 1000;
    if (resetMs > MAX_PAUSE_MS) return;
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + resetMs);
  }

  /** Resolves when a call may go out. */
  async pass(signal?: AbortSignal): Promise<void> {
    const waitMs = this.pausedUntil - this.now();
    if (waitMs > 0) await this.sleep(waitMs, signal);
  }
}

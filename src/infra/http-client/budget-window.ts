/**
 * A window hands out at most this share of a second's budget at once (95/s → 3): bursts raise the
 * busiest sliding second above the average, and the provider counts sliding seconds.
 */
const MAX_BURST_SHARE = 1 / 30;
/** How late, on average, a waiter's timer fires and so starts the next window. */
const TIMER_LATENESS_MS = 1;

export interface BudgetWindow {
  readonly points: number;
  readonly windowMs: number;
}

/**
 * The rate-limiter window for a budget of `requestsPerSecond`. Windows are whole milliseconds:
 * the memory store closes a window with a timer, and Node truncates timers to whole milliseconds
 * (a 10.53 ms window for 95/s closes after 10 ms and lets 100/s through). A window of one point
 * loses a timer's lateness per request (11 ms windows: 91/s), so a few points share a window, as
 * many as keep the budget at most `requestsPerSecond` on average while losing the least. The
 * busiest sliding second then sees about 4% more than the budget: keep it a little under the
 * provider's limit.
 */
export function budgetWindow(requestsPerSecond: number): BudgetWindow {
  const maxPoints = Math.max(1, Math.floor(requestsPerSecond * MAX_BURST_SHARE));
  let best: BudgetWindow | undefined;
  let bestRate = 0;
  for (let points = 1; points <= maxPoints; points += 1) {
    const windowMs = Math.ceil((1000 * points) / requestsPerSecond);
    const rate = points / (windowMs + TIMER_LATENESS_MS);
    if (rate > bestRate) {
      best = { points, windowMs };
      bestRate = rate;
    }
  }
  return best as BudgetWindow;
}

/**
 * A window start no older than the agreement's history (a day of margin for clocks that disagree):
 * banks answer 400 to a `date_from` before it, and such a failure counts towards suspension.
 */
export function clipToHistory(since: string, historyDays: number | null, now: Date): string {
  if (historyDays === null || historyDays < 2) return since;
  const earliest = new Date(now.getTime() - (historyDays - 2) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return since < earliest ? earliest : since;
}

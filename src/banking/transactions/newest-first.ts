/** What orders the transaction list: newest booking date first, then the highest id. */
export interface KeysetPosition {
  readonly bookingDate: string;
  readonly id: number;
}

export function compareNewestFirst(a: KeysetPosition, b: KeysetPosition): number {
  if (a.bookingDate !== b.bookingDate) return a.bookingDate < b.bookingDate ? 1 : -1;
  return b.id - a.id;
}

/**
 * The first `count` items of several lists in that order, when each list holds at least its own
 * first `count` items after the same cursor (a page query per table with the same limit). Positions
 * must be unique across the lists, so the result is the same whichever list an item came from.
 */
export function mergeNewestFirst<T>(
  lists: readonly (readonly T[])[],
  count: number,
  positionOf: (item: T) => KeysetPosition,
): T[] {
  return lists
    .flat()
    .sort((a, b) => compareNewestFirst(positionOf(a), positionOf(b)))
    .slice(0, count);
}

/** What every platform simulator counts; platforms add their own figures beside it. */
export interface RequestCounters {
  /** API requests received (control requests excluded), whatever the outcome. */
  requests: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
}

export function emptyRequestCounters(): RequestCounters {
  return { requests: 0, byRoute: {}, byStatus: {} };
}

export function countInto(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
}

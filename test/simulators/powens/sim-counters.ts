export interface SimCounters {
  requests: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  faultsApplied: number;
}

export function emptyCounters(): SimCounters {
  return { requests: 0, byRoute: {}, byStatus: {}, faultsApplied: 0 };
}

export function increment(tally: Record<string, number>, key: string): void {
  tally[key] = (tally[key] ?? 0) + 1;
}

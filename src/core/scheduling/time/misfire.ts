export type MisfirePolicy = 'run_once' | 'run_all' | 'skip';

export interface MisfirePlan {
  run: Date[];
  missed: Date[];
}

export interface MisfireInput {
  policy: MisfirePolicy;
  graceSeconds: number;
  /** Fires that should have run by `now` but did not. */
  dueFires: Date[];
  now: Date;
  runAllLimit: number;
}

function byTime(a: Date, b: Date): number {
  return a.getTime() - b.getTime();
}

function runCount(policy: MisfirePolicy, inGraceCount: number, runAllLimit: number): number {
  switch (policy) {
    case 'run_once':
      return Math.min(1, inGraceCount);
    case 'run_all':
      return Math.min(runAllLimit, inGraceCount);
    case 'skip':
      return 0;
  }
}

function assertValid({ graceSeconds, runAllLimit }: MisfireInput): void {
  if (!Number.isFinite(graceSeconds) || graceSeconds < 0) {
    throw new RangeError(`graceSeconds must be a finite number >= 0, got ${graceSeconds}`);
  }
  if (!Number.isInteger(runAllLimit) || runAllLimit < 0) {
    throw new RangeError(`runAllLimit must be an integer >= 0, got ${runAllLimit}`);
  }
}

/**
 * Decides which overdue fires still run after downtime. Fires older than the grace window are
 * always missed; within it, `run_once` runs only the latest, `run_all` the latest
 * `runAllLimit`, `skip` none.
 */
export function planMisfires(input: MisfireInput): MisfirePlan {
  assertValid(input);
  const oldestInGraceMs = input.now.getTime() - input.graceSeconds * 1000;
  const sorted = [...input.dueFires].sort(byTime);
  // Sorted ascending, the fires within grace are a suffix and the ones that run its tail.
  const inGraceCount = sorted.filter((fire) => fire.getTime() >= oldestInGraceMs).length;
  const firstRun = sorted.length - runCount(input.policy, inGraceCount, input.runAllLimit);
  return { run: sorted.slice(firstRun), missed: sorted.slice(0, firstRun) };
}

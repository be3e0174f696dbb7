import { ParseProblem } from './types';

export const DEFAULT_PROBLEM_LIMIT = 1000;

/** Counts every problem but keeps only the first `limit`, so a hopeless file stays cheap. */
export class ProblemLog {
  private readonly kept: ParseProblem[] = [];
  private total = 0;

  constructor(private readonly limit = DEFAULT_PROBLEM_LIMIT) {}

  add(problem: ParseProblem): void {
    this.total++;
    if (this.kept.length < this.limit) {
      this.kept.push(problem);
    }
  }

  get problems(): readonly ParseProblem[] {
    return this.kept;
  }

  get count(): number {
    return this.total;
  }

  get truncated(): boolean {
    return this.total > this.kept.length;
  }
}

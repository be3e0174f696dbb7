import { FuzzRequest } from './fuzz-requests';
import { RawResponse } from './http-sender';

/** Examples kept per kind of failure, each from another route. */
const EXAMPLES_PER_KIND = 8;
const EXCERPT_LENGTH = 1_500;

/** What a fuzz run saw: every status, and failures grouped by kind with a few examples each. */
export class FuzzReport {
  private readonly statuses = new Map<number, number>();
  private readonly failures = new Map<string, { count: number; examples: Map<string, string> }>();

  constructor(private readonly seed: number) {}

  get failed(): boolean {
    return this.failures.size > 0;
  }

  record(index: number, request: FuzzRequest, response: RawResponse, problem: string | null): void {
    this.statuses.set(response.status, (this.statuses.get(response.status) ?? 0) + 1);
    if (!problem) return;
    const kind = problem.replace(/\d+/g, 'N');
    const failure = this.failures.get(kind) ?? { count: 0, examples: new Map<string, string>() };
    failure.count += 1;
    if (!failure.examples.has(request.route) && failure.examples.size < EXAMPLES_PER_KIND)
      failure.examples.set(request.route, this.example(index, request, response, problem));
    this.failures.set(kind, failure);
  }

  statusTally(): string {
    return [...this.statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}×${count}`)
      .join(' ');
  }

  failureReport(): string {
    return [...this.failures.entries()]
      .map(
        ([kind, { count, examples }]) =>
          `${kind}: ${count} request(s), e.g.\n${[...examples.values()].join('\n')}`,
      )
      .join('\n\n');
  }

  private example(
    index: number,
    request: FuzzRequest,
    response: RawResponse,
    problem: string,
  ): string {
    return [
      `#${index} ${problem} (replay: FUZZ_SEED=${this.seed} FUZZ_ONLY=${index})`,
      `  ${request.method} ${excerpt(request.path)} as ${request.caller}`,
      `  headers: ${JSON.stringify(request.headers)}`,
      `  body: ${excerpt(request.body)}`,
      `  → ${response.status} ${excerpt(response.text)}`,
    ].join('\n');
  }
}

function excerpt(text: string | undefined): string {
  if (text === undefined) return '(none)';
  return text.length > EXCERPT_LENGTH
    ? `${text.slice(0, EXCERPT_LENGTH)}… (${text.length} chars)`
    : text;
}

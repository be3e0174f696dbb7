import { DEFAULT_PROBLEM_LIMIT, ParseProblem, SheetChoice } from '../parsing';

/** What the ledger keeps about a rejected file (stored as JSON, returned by the API as is). */
export interface ErrorReport {
  /** Every problem found, including those beyond `problems`. */
  problem_count: number;
  /** True when `problems` holds only the first ones. */
  truncated: boolean;
  /** The sheet that was read and why; null when none was (an unreadable file). */
  sheet_read: SheetChoice | null;
  problems: ParseProblem[];
}

export interface ProblemSource {
  problems: readonly ParseProblem[];
  count: number;
}

/** Merges the parser's and the importer's problems in sheet order (file-level ones first). */
export function buildErrorReport(
  sources: readonly ProblemSource[],
  sheetRead: SheetChoice | null = null,
  limit = DEFAULT_PROBLEM_LIMIT,
): ErrorReport {
  const all = sources.flatMap((source) => source.problems);
  const ordered = all
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => (a.problem.row ?? 0) - (b.problem.row ?? 0) || a.index - b.index)
    .map(({ problem }) => problem);
  const problemCount = sources.reduce((sum, source) => sum + source.count, 0);
  const problems = ordered.slice(0, limit);
  return {
    problem_count: problemCount,
    truncated: problemCount > problems.length,
    sheet_read: sheetRead,
    problems,
  };
}

/**
 * One line for logs and `error_message`: the count and the first problem, and which sheet was
 * read when it was not the kind's own.
 */
export function describeErrorReport(fileName: string, report: ErrorReport): string {
  const first = report.problems[0];
  const fallback =
    report.sheet_read && !report.sheet_read.preferred ? ` (${report.sheet_read.reason})` : '';
  if (!first) return `${fileName} rejected${fallback}`;
  const where = [first.sheet, first.row === null ? null : `row ${first.row}`, first.column]
    .filter((part) => part !== null)
    .join(', ');
  const more = report.problem_count > 1 ? ` (and ${report.problem_count - 1} more)` : '';
  return `${fileName} rejected: ${where}: ${first.message}${more}${fallback}`;
}

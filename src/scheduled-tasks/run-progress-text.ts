import type { ItemCounts, RunProgress } from '../core/scheduling/run-items';

const BAR_WIDTH = 24;

/** `[#######.................]  12/50  24%  ok 11  failed 1  skipped 0  connection 42` (a terminal). */
export function progressBar(progress: RunProgress, width = BAR_WIDTH): string {
  const total = progress.total;
  const share = total ? Math.min(1, progress.done / total) : 0;
  const filled = Math.round(share * width);
  const bar = total ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]` : '[working]';
  const of = total === null ? `${progress.done}` : `${progress.done}/${total}`;
  const percent = total ? `  ${Math.floor(share * 100)}%` : '';
  const current = progress.current ? `  ${progress.current}` : '';
  return (
    `${bar}  ${of}${percent}  ok ${progress.succeeded}  failed ${progress.failed}  ` +
    `skipped ${progress.skipped}${current}`
  );
}

/** `Progress: 12/50 items (11 succeeded, 1 failed, 0 skipped); now: connection 42` (a log or pipe). */
export function progressLine(progress: RunProgress): string {
  const of = progress.total === null ? `${progress.done}` : `${progress.done}/${progress.total}`;
  const now = progress.current ? `; now: ${progress.current}` : '';
  return (
    `Progress: ${of} items (${progress.succeeded} succeeded, ${progress.failed} failed, ` +
    `${progress.skipped} skipped)${now}`
  );
}

/** `Items: 50 total, 47 succeeded, 3 failed, 0 skipped` */
export function itemCountsLine(counts: ItemCounts): string {
  return `Items: ${counts.total} total, ${counts.succeeded} succeeded, ${counts.failed} failed, ${counts.skipped} skipped`;
}

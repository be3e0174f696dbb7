export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

export function sleepUntil(epochMs: number): Promise<void> {
  return sleep(epochMs - Date.now());
}

export function nextWholeSecond(epochMs: number): number {
  return Math.ceil(epochMs / 1000) * 1000;
}

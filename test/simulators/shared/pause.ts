/** Waits `ms`; rejects at once, or as soon as, `signal` aborts (the simulator stops). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(new Error('simulator stopped'));
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('simulator stopped'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

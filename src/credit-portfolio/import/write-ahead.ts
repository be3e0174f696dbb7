type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * At most one write in flight: the parser reads the next batch while the database stores the
 * previous one, which overlaps parsing CPU with database round trips.
 */
export class WriteAhead<T> {
  private inFlight: Promise<Settled<T>> | null = null;

  /** Starts a write; call `settle()` first, as only one may be in flight. */
  begin(write: () => Promise<T>): void {
    if (this.inFlight) throw new Error('A write is already in flight');
    // Settled at once, so a failure waits for settle() instead of becoming an unhandled rejection.
    this.inFlight = write().then(
      (value): Settled<T> => ({ ok: true, value }),
      (error: unknown): Settled<T> => ({ ok: false, error }),
    );
  }

  /** Waits for the write in flight, if any: its result, or its error thrown here. */
  async settle(): Promise<T | null> {
    const inFlight = this.inFlight;
    this.inFlight = null;
    if (!inFlight) return null;
    const settled = await inFlight;
    if (!settled.ok) throw settled.error;
    return settled.value;
  }
}

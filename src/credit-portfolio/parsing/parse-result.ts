/** Outcome of converting one cell: either a value or a human-readable reason. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function parsed<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function failed<T = never>(error: string): Parsed<T> {
  return { ok: false, error };
}

export const SECOND_MS = 1000;
export const DAY_MS = 86_400_000;

/** The remainder with the sign of the divisor: `modulo(-1, 7)` is 6. */
export function modulo(dividend: number, divisor: number): number {
  return ((dividend % divisor) + divisor) % divisor;
}

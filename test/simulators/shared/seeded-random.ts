import { SeededRandom } from '../../utils/seeded-random';

/** A repeatable source of numbers in [0, 1), so a faulty run can be replayed. */
export function seededRandom(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}

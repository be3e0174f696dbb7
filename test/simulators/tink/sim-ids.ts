import { SeededRandom } from '../../utils/seeded-random';

/**
 * Tink ids are 32 lower-case hex characters. A seeded prefix plus a scrambled counter keeps them
 * unique, deterministic and cheap (bulk seeding creates hundreds of thousands).
 */
export class IdGenerator {
  private readonly prefix: string;
  private counter = 0;

  constructor(seed: number) {
    const random = new SeededRandom(seed ^ 0x9e3779b9);
    this.prefix = [random.next(), random.next()]
      .map((n) =>
        Math.floor(n * 4_294_967_296)
          .toString(16)
          .padStart(8, '0'),
      )
      .join('');
  }

  next(): string {
    this.counter += 1;
    const high = scramble(this.counter);
    const low = scramble(this.counter ^ 0x5bd1e995);
    return `${this.prefix}${high.toString(16).padStart(8, '0')}${low.toString(16).padStart(8, '0')}`;
  }
}

/** A bijection on 32-bit integers (so distinct counters give distinct ids). */
function scramble(value: number): number {
  let x = value >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** mulberry32: tiny, fast, deterministic; good enough for fake data, not for secrets. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) {
      out += Math.floor(this.next() * 0x1_0000_0000)
        .toString(16)
        .padStart(8, '0');
    }
    return out.slice(0, length);
  }
}

/** Deterministic ids in GoCardless' shapes: uuids for objects, 32 hex for internal transaction ids. */
export class IdGenerator {
  private readonly random: SeededRandom;
  private bankSequence = 0;

  constructor(seed: number) {
    this.random = new SeededRandom(seed);
  }

  uuid(): string {
    const hex = this.random.hex(32);
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  internalTransactionId(): string {
    return this.random.hex(32);
  }

  /** A bank's own id: the booking date and a running number, as many banks send it. */
  bankTransactionId(date: string | undefined): string {
    this.bankSequence += 1;
    const day = (date ?? '00000000').replace(/-/g, '');
    return `${day}${String(this.bankSequence).padStart(8, '0')}`;
  }

  iban(country: string): string {
    const digits = Array.from({ length: 18 }, () => this.random.int(0, 9)).join('');
    return `${country}${String(this.random.int(10, 99))}${digits}`;
  }

  get seeded(): SeededRandom {
    return this.random;
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

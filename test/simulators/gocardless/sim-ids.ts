import { SeededRandom } from '../../utils/seeded-random';

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

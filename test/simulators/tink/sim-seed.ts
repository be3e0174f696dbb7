import { addDays } from './sim-clock';
import { SeededRandom } from '../../utils/seeded-random';
import { centsToDecimal, toTinkAmount } from './sim-amounts';
import type { SimStore } from './sim-store';
import type { AccountType, SimAmountValue, SimUser } from './sim-types';

export interface SeedOptions {
  readonly users: number;
  readonly accountsPerUser?: number;
  /** Booked rows per account. */
  readonly transactionsPerAccount?: number;
  /** Extra PENDING rows per account, expected to book in 1–3 days; half keep their id. */
  readonly pendingPerAccount?: number;
  /** Booked rows are spread over this many days before today. */
  readonly historyDays?: number;
  readonly currencyCode?: string;
  readonly seed?: number;
}

export interface SeedSummary {
  readonly users: SimUser[];
  readonly accounts: number;
  readonly transactions: number;
}

const MERCHANTS = ['Tesco', 'Pret A Manger', 'TfL', 'Amazon', 'Sainsbury', 'Shell', 'Boots'];
const COUNTERPARTIES = ['ACME Payroll', 'J Smith', 'HMRC', 'Landlord Ltd', 'Octopus Energy'];
const MERCHANT_CATEGORY_CODES = ['5411', '5812', '4111', '5942', '5411', '5541', '5912'];
const OUTGOING_DESCRIPTIONS = MERCHANTS.map((merchant) => `${merchant} card payment`);
const INCOMING_DESCRIPTIONS = COUNTERPARTIES.map((name) => `Transfer from ${name}`);
const ACCOUNT_TYPES: readonly AccountType[] = ['CHECKING', 'SAVINGS', 'CREDIT_CARD'];

/**
 * Deterministic bulk data: the same options give the same ids, amounts and dates (relative to
 * `today`). Amounts use a mix of scales — 2, 1, 0, 3 and negative — exactly as Tink may send them.
 */
export function seedTinkData(store: SimStore, today: string, options: SeedOptions): SeedSummary {
  const random = new SeededRandom(options.seed ?? 42);
  const accountsPerUser = options.accountsPerUser ?? 2;
  const bookedPerAccount = options.transactionsPerAccount ?? 50;
  const pendingPerAccount = options.pendingPerAccount ?? 0;
  const historyDays = options.historyDays ?? 365;
  const currencyCode = options.currencyCode ?? 'GBP';
  const users: SimUser[] = [];
  // One string per day, shared by every row on that day (bulk data stays small).
  const pastDates = Array.from({ length: historyDays + 1 }, (_, daysAgo) =>
    addDays(today, -daysAgo),
  );
  const comingDates = [1, 2, 3].map((days) => addDays(today, days));
  const yesterday = addDays(today, -1);
  let accounts = 0;
  let transactions = 0;

  for (let u = 0; u < options.users; u += 1) {
    const user = store.addUser();
    users.push(user);
    const credential = store.addCredential(user.id);
    for (let a = 0; a < accountsPerUser; a += 1) {
      const type = ACCOUNT_TYPES[a % ACCOUNT_TYPES.length];
      const account = store.addAccount(credential.id, {
        name: `${type === 'CHECKING' ? 'Current' : type === 'SAVINGS' ? 'Savings' : 'Card'} ${a + 1}`,
        type,
        iban: type === 'CREDIT_CARD' ? null : fakeIban(random),
        currencyCode,
        bookedBalance: randomAmount(random, 100_000_00),
        availableBalance: randomAmount(random, 100_000_00),
      });
      accounts += 1;
      for (let t = 0; t < bookedPerAccount; t += 1) {
        // Spread evenly over the history so date-range filters select predictable slices.
        const daysAgo = Math.floor(((t + 0.5) * historyDays) / Math.max(1, bookedPerAccount));
        addRandomTransaction(store, random, account.id, pastDates[daysAgo], 'BOOKED', t);
        transactions += 1;
      }
      for (let p = 0; p < pendingPerAccount; p += 1) {
        // Pending: expected to book in 1–3 days; the card was used yesterday.
        const expected = comingDates[random.int(0, comingDates.length - 1)];
        addRandomTransaction(store, random, account.id, expected, 'PENDING', p, yesterday);
        transactions += 1;
      }
    }
  }
  return { users, accounts, transactions };
}

function addRandomTransaction(
  store: SimStore,
  random: SeededRandom,
  accountId: string,
  bookedDate: string,
  status: 'BOOKED' | 'PENDING',
  index: number,
  transactionDate = bookedDate,
): void {
  const incoming = random.chance(0.15);
  const amount = randomAmount(random, incoming ? 300_000 : 25_000, incoming ? 1 : -1);
  const party = random.int(0, (incoming ? COUNTERPARTIES : MERCHANTS).length - 1);
  store.addTransaction(accountId, {
    status,
    bookedDate,
    valueDate: bookedDate,
    transactionDate,
    amount,
    description: incoming ? INCOMING_DESCRIPTIONS[party] : OUTGOING_DESCRIPTIONS[party],
    merchantName: incoming ? null : MERCHANTS[party],
    merchantCategoryCode: incoming ? null : MERCHANT_CATEGORY_CODES[party],
    counterpartyName: incoming ? COUNTERPARTIES[party] : MERCHANTS[party],
    bookingMode: index % 2 === 0 ? 'same-id' : 'new-id',
  });
}

/** A random amount up to `maxCents`, written with a randomly chosen but exact scale. */
function randomAmount(random: SeededRandom, maxCents: number, sign = 1): SimAmountValue {
  const roundTo = random.pick([1, 1, 1, 10, 100, 1_000]);
  const cents = Math.max(roundTo, Math.round(random.int(1, maxCents) / roundTo) * roundTo) * sign;
  const decimal = centsToDecimal(cents);
  const candidates = [2, 3];
  if (cents % 10 === 0) candidates.push(1);
  if (cents % 100 === 0) candidates.push(0);
  if (cents % 1_000 === 0) candidates.push(-1);
  return toTinkAmount(decimal, random.pick(candidates));
}

function fakeIban(random: SeededRandom): string {
  let digits = '';
  for (let i = 0; i < 14; i += 1) digits += String(random.int(0, 9));
  return `GB${random.int(10, 99)}DEMO${digits}`;
}

import { addDays } from './sim-clock';
import type { DataScope } from './sim-types';
import type { SeededRandom } from '../../utils/seeded-random';
import {
  accessDaysOf,
  findInstitution,
  historyDaysOf,
  SANDBOX_INSTITUTION_ID,
} from './sim-institutions';
import type { SimStore } from './sim-store';
import {
  DATA_SCOPES,
  type AccountStatus,
  type SimAccount,
  type SimRequisition,
  type SimTransaction,
  type TransactionIdMode,
} from './sim-types';

export interface AccountSeed {
  /** Booked rows, spread over `historyDays` before today (default 10). */
  readonly booked?: number;
  /** Pending rows dated today or yesterday (default 0). */
  readonly pending?: number;
  /** Extra pending rows with no date at all (default 0). */
  readonly datelessPending?: number;
  /** Pending rows carry the bank's `transactionId` (default false: no ids at all). */
  readonly pendingWithIds?: boolean;
  /** Default 60 days. */
  readonly historyDays?: number;
  readonly currency?: string;
  readonly balance?: string;
  readonly ownerName?: string;
  readonly name?: string;
  readonly status?: AccountStatus;
  readonly transactionIdMode?: TransactionIdMode;
  /** Successful calls per scope in any rolling 24 h (default: the simulator's, 4). */
  readonly successLimit?: number;
  /** The i-th booked row reuses that account's i-th `internalTransactionId` (a collision). */
  readonly internalIdsFrom?: string;
}

export interface RequisitionSeed {
  readonly institutionId?: string;
  readonly reference?: string;
  readonly redirect?: string;
  /** Defaults: 90, capped by the institution's limits. */
  readonly maxHistoricalDays?: number;
  readonly accessValidForDays?: number;
  readonly accessScope?: readonly DataScope[];
  /** When the end user accepted (default now); EUA expiry counts from here. */
  readonly acceptedAt?: number;
  /** Default one account with the defaults above. */
  readonly accounts?: readonly AccountSeed[];
}

export interface BulkSeed {
  readonly accounts: number;
  /** Default 30. */
  readonly bookedPerAccount?: number;
  /** Default 1. */
  readonly pendingPerAccount?: number;
  /** Default 1. */
  readonly accountsPerRequisition?: number;
  readonly institutionId?: string;
}

export interface SeededTransaction {
  readonly key: string;
  readonly transactionId: string | null;
  readonly internalTransactionId: string | null;
  readonly amount: string;
  readonly bookingDate: string | null;
  readonly valueDate: string | null;
}

export interface SeededAccount {
  readonly id: string;
  readonly iban: string;
  readonly booked: SeededTransaction[];
  readonly pending: SeededTransaction[];
}

export interface SeededRequisition {
  readonly requisitionId: string;
  readonly agreementId: string;
  readonly reference: string;
  readonly accounts: SeededAccount[];
}

export interface BookOptions {
  /** A new bank `transactionId` on booking; default: the account's `transactionIdMode` decides. */
  readonly newTransactionId?: boolean;
  /** Default today. */
  readonly bookingDate?: string;
}

const PAYEES = ['REWE', 'Lidl', 'Deutsche Bahn', 'Amazon EU', 'Shell', 'dm-drogerie', 'Spotify'];
const PAYERS = ['ACME GmbH Payroll', 'J. Schmidt', 'Finanzamt', 'Landlord GmbH'];

export class SimSeeder {
  private nextReference = 1;
  /** Dates before today, by days back, for the current today (bulk seeding reuses them). */
  private dates: { today: string; back: string[] } = { today: '', back: [] };

  constructor(
    private readonly store: SimStore,
    private readonly random: SeededRandom,
    private readonly now: () => number,
    private readonly today: () => string,
  ) {}

  /** A linked requisition (status LN, EUA accepted) with its accounts and transactions. */
  requisition(seed: RequisitionSeed = {}): SeededRequisition {
    const institutionId = seed.institutionId ?? SANDBOX_INSTITUTION_ID;
    const institution = findInstitution(institutionId);
    if (!institution) throw new Error(`unknown institution ${institutionId}`);
    const agreement = this.store.addAgreement({
      institutionId,
      maxHistoricalDays: seed.maxHistoricalDays ?? Math.min(90, historyDaysOf(institution)),
      accessValidForDays: seed.accessValidForDays ?? Math.min(90, accessDaysOf(institution)),
      accessScope: seed.accessScope ?? DATA_SCOPES,
      accepted: seed.acceptedAt ?? this.now(),
    });
    const requisition = this.store.addRequisition({
      redirect: seed.redirect ?? 'http://localhost/callback',
      institutionId,
      agreementId: agreement.id,
      reference: seed.reference ?? this.freshReference(),
    });
    requisition.status = 'LN';
    const accounts = (seed.accounts ?? [{}]).map((accountSeed) =>
      this.account(requisition, accountSeed),
    );
    return {
      requisitionId: requisition.id,
      agreementId: agreement.id,
      reference: requisition.reference,
      accounts,
    };
  }

  /** Adds an account and its rows to a requisition (used at LN too). */
  account(requisition: SimRequisition, seed: AccountSeed = {}): SeededAccount {
    const account = this.store.addAccount(requisition, seed);
    if (seed.status) account.status = seed.status;
    const booked = this.bookedRows(account, seed);
    const pending = this.pendingRows(account, seed);
    return { id: account.id, iban: account.iban, booked, pending };
  }

  /** Cheap bulk data for benchmarks: `accounts` accounts, `accountsPerRequisition` per requisition. */
  bulk(options: BulkSeed): { requisitionIds: string[]; accountIds: string[] } {
    const perRequisition = Math.max(1, options.accountsPerRequisition ?? 1);
    const accountSeed: AccountSeed = {
      booked: options.bookedPerAccount ?? 30,
      pending: options.pendingPerAccount ?? 1,
    };
    const requisitionIds: string[] = [];
    const accountIds: string[] = [];
    for (let made = 0; made < options.accounts; made += perRequisition) {
      const count = Math.min(perRequisition, options.accounts - made);
      const seeded = this.requisition({
        institutionId: options.institutionId,
        accounts: Array.from({ length: count }, () => accountSeed),
      });
      requisitionIds.push(seeded.requisitionId);
      accountIds.push(...seeded.accounts.map((account) => account.id));
    }
    return { requisitionIds, accountIds };
  }

  book(key: string, options: BookOptions = {}): SimTransaction {
    const row = this.store.transaction(key);
    if (!row) throw new Error(`unknown transaction ${key}`);
    if (row.booked) throw new Error(`transaction ${key} is already booked`);
    const account = this.store.account(row.accountId);
    const bookingDate = options.bookingDate ?? this.today();
    const renew = options.newTransactionId ?? account?.transactionIdMode === 'on-booking';
    row.booked = true;
    row.bookingDate = bookingDate;
    row.valueDate = row.valueDate ?? bookingDate;
    if (renew || row.transactionId === null) {
      row.transactionId = this.store.ids.bankTransactionId(bookingDate);
    }
    row.internalTransactionId = row.internalTransactionId ?? this.store.ids.internalTransactionId();
    return row;
  }

  private bookedRows(account: SimAccount, seed: AccountSeed): SeededTransaction[] {
    const count = seed.booked ?? 10;
    const historyDays = Math.max(1, seed.historyDays ?? 60);
    const today = this.today();
    const borrowed = seed.internalIdsFrom
      ? this.store
          .transactionsOf(seed.internalIdsFrom)
          .filter((row) => row.booked)
          .map((row) => row.internalTransactionId)
      : [];
    const rows: SeededTransaction[] = [];
    for (let i = 0; i < count; i += 1) {
      const date = this.daysBack(today, 1 + Math.floor((i * historyDays) / Math.max(1, count)));
      const row = this.store.addTransaction(account.id, {
        ...this.content(),
        booked: true,
        transactionId: this.store.ids.bankTransactionId(date),
        internalTransactionId: borrowed[i] ?? this.store.ids.internalTransactionId(),
        bookingDate: date,
        valueDate: date,
      });
      rows.push(seeded(row));
    }
    return rows;
  }

  private pendingRows(account: SimAccount, seed: AccountSeed): SeededTransaction[] {
    const today = this.today();
    const dated = seed.pending ?? 0;
    const total = dated + (seed.datelessPending ?? 0);
    const rows: SeededTransaction[] = [];
    for (let i = 0; i < total; i += 1) {
      const valueDate = i < dated ? addDays(today, -(i % 2)) : null;
      const row = this.store.addTransaction(account.id, {
        ...this.content(),
        booked: false,
        transactionId: seed.pendingWithIds
          ? this.store.ids.bankTransactionId(valueDate ?? today)
          : null,
        internalTransactionId: null,
        bookingDate: null,
        valueDate,
      });
      rows.push(seeded(row));
    }
    return rows;
  }

  private content(): Pick<
    SimTransaction,
    'amount' | 'counterpartyName' | 'remittanceInformationUnstructured' | 'bankTransactionCode'
  > {
    const incoming = this.random.next() < 0.15;
    const cents = this.random.int(100, incoming ? 250_000 : 15_000);
    const counterpartyName = incoming ? this.random.pick(PAYERS) : this.random.pick(PAYEES);
    return {
      amount: `${incoming ? '' : '-'}${(cents / 100).toFixed(2)}`,
      counterpartyName,
      remittanceInformationUnstructured: incoming
        ? `Transfer from ${counterpartyName}`
        : `Card payment ${counterpartyName}`,
      bankTransactionCode: incoming ? 'PMNT-RCDT-ESCT' : 'PMNT-CCRD-POSD',
    };
  }

  private daysBack(today: string, days: number): string {
    if (this.dates.today !== today) this.dates = { today, back: [] };
    this.dates.back[days] ??= addDays(today, -days);
    return this.dates.back[days];
  }

  private freshReference(): string {
    let reference: string;
    do {
      reference = `sim-ref-${this.nextReference}`;
      this.nextReference += 1;
    } while (this.store.referenceTaken(reference));
    return reference;
  }
}

function seeded(row: SimTransaction): SeededTransaction {
  return {
    key: row.key,
    transactionId: row.transactionId,
    internalTransactionId: row.internalTransactionId,
    amount: row.amount,
    bookingDate: row.bookingDate,
    valueDate: row.valueDate,
  };
}

import { IdGenerator } from './sim-ids';
import type {
  AccountType,
  BookingMode,
  CredentialStatus,
  SimAccount,
  SimAmountValue,
  SimCredential,
  SimTransaction,
  SimUser,
  TransactionStatus,
} from './sim-types';

export interface NewUser {
  readonly id?: string;
  readonly externalUserId?: string;
  readonly market?: string;
  readonly locale?: string;
}

export interface NewCredential {
  readonly id?: string;
  readonly providerName?: string;
  readonly type?: string;
  readonly status?: CredentialStatus;
  readonly sessionExpiryDate?: number | null;
  readonly updated?: number | null;
}

export interface NewAccount {
  readonly id?: string;
  readonly name?: string;
  readonly type?: AccountType;
  readonly iban?: string | null;
  readonly currencyCode?: string;
  readonly bookedBalance?: SimAmountValue;
  readonly availableBalance?: SimAmountValue | null;
}

export interface NewTransaction {
  readonly id?: string;
  readonly status?: TransactionStatus;
  readonly bookedDate: string;
  readonly valueDate?: string;
  readonly transactionDate?: string;
  readonly amount: SimAmountValue;
  readonly description?: string;
  /** The bank's own text (`descriptions.original`); default: the description in capitals. */
  readonly originalDescription?: string;
  readonly merchantName?: string | null;
  readonly merchantCategoryCode?: string | null;
  readonly counterpartyName?: string | null;
  readonly providerTransactionId?: string;
  readonly categoryId?: string;
  /** Default '' (Tink often names no category). */
  readonly categoryName?: string;
  readonly bookingMode?: BookingMode;
}

export interface BookPendingOptions {
  /** Defaults to the row's own `bookingMode`. */
  readonly mode?: BookingMode;
  /** Defaults to the expected booking date the pending row carried. */
  readonly bookedDate?: string;
  readonly amount?: SimAmountValue;
}

const byBookedDateThenIdDescending = (a: SimTransaction, b: SimTransaction): number =>
  a.bookedDate === b.bookedDate
    ? a.id < b.id
      ? 1
      : a.id > b.id
        ? -1
        : 0
    : a.bookedDate < b.bookedDate
      ? 1
      : -1;

/** In-memory data of one simulated Tink app: users, credentials, accounts, transactions. */
export class SimStore {
  private readonly users = new Map<string, SimUser>();
  private readonly usersByExternalId = new Map<string, SimUser>();
  private readonly credentials = new Map<string, SimCredential>();
  private readonly credentialIdsByUser = new Map<string, string[]>();
  private readonly accounts = new Map<string, SimAccount>();
  private readonly accountIdsByUser = new Map<string, string[]>();
  private readonly transactions = new Map<string, SimTransaction>();
  private readonly transactionsByAccount = new Map<string, SimTransaction[]>();
  private readonly unsortedAccounts = new Set<string>();

  constructor(
    readonly ids: IdGenerator,
    private readonly now: () => number,
  ) {}

  addUser(input: NewUser = {}): SimUser {
    const id = input.id ?? this.ids.next();
    const externalUserId = input.externalUserId ?? `ext-${id}`;
    if (this.users.has(id)) throw new Error(`user ${id} exists`);
    if (this.usersByExternalId.has(externalUserId)) {
      throw new Error(`external user ${externalUserId} exists`);
    }
    const user: SimUser = {
      id,
      externalUserId,
      market: input.market ?? 'GB',
      locale: input.locale ?? 'en_US',
    };
    this.users.set(id, user);
    this.usersByExternalId.set(externalUserId, user);
    return user;
  }

  addCredential(userId: string, input: NewCredential = {}): SimCredential {
    this.requireUser(userId);
    const now = this.now();
    const credential: SimCredential = {
      id: input.id ?? this.ids.next(),
      userId,
      providerName: input.providerName ?? 'uk-demobank-open-banking-redirect',
      type: input.type ?? 'THIRD_PARTY_APP',
      status: input.status ?? 'UPDATED',
      statusUpdated: now,
      statusPayload: '',
      updated: input.updated === undefined ? now : input.updated,
      sessionExpiryDate:
        input.sessionExpiryDate === undefined ? now + 90 * 86_400_000 : input.sessionExpiryDate,
    };
    if (this.credentials.has(credential.id)) throw new Error(`credential ${credential.id} exists`);
    this.credentials.set(credential.id, credential);
    pushTo(this.credentialIdsByUser, userId, credential.id);
    return credential;
  }

  addAccount(credentialId: string, input: NewAccount = {}): SimAccount {
    const credential = this.requireCredential(credentialId);
    const currencyCode = input.currencyCode ?? 'GBP';
    const account: SimAccount = {
      id: input.id ?? this.ids.next(),
      userId: credential.userId,
      credentialId,
      name: input.name ?? 'Current account',
      type: input.type ?? 'CHECKING',
      iban: input.iban === undefined ? null : input.iban,
      currencyCode,
      bookedBalance: input.bookedBalance ?? { unscaledValue: '0', scale: '0' },
      availableBalance: input.availableBalance === undefined ? null : input.availableBalance,
      financialInstitutionId: 'f58e4f4b7f6a4a3c9b0b2b5f0d2a1c3e',
      createdAt: this.now(),
    };
    if (this.accounts.has(account.id)) throw new Error(`account ${account.id} exists`);
    this.accounts.set(account.id, account);
    pushTo(this.accountIdsByUser, credential.userId, account.id);
    this.transactionsByAccount.set(account.id, []);
    return account;
  }

  addTransaction(accountId: string, input: NewTransaction): SimTransaction {
    const account = this.requireAccount(accountId);
    const id = input.id ?? this.ids.next();
    if (this.transactions.has(id)) throw new Error(`transaction ${id} exists`);
    const transaction: SimTransaction = {
      id,
      accountId,
      status: input.status ?? 'BOOKED',
      bookedDate: input.bookedDate,
      valueDate: input.valueDate ?? input.bookedDate,
      transactionDate: input.transactionDate ?? input.bookedDate,
      amount: input.amount,
      currencyCode: account.currencyCode,
      description: input.description ?? 'Card payment',
      originalDescription: input.originalDescription ?? null,
      merchantName: input.merchantName ?? null,
      merchantCategoryCode: input.merchantCategoryCode ?? null,
      counterpartyName: input.counterpartyName ?? null,
      providerTransactionId: input.providerTransactionId ?? null,
      categoryId: input.categoryId ?? 'a1b2c3d4e5f6478890abcdef01234567',
      categoryName: input.categoryName ?? '',
      bookingMode: input.bookingMode ?? 'same-id',
      mutability: (input.status ?? 'BOOKED') === 'PENDING' ? 'MUTABLE' : 'IMMUTABLE',
    };
    this.transactions.set(id, transaction);
    this.transactionsByAccount.get(accountId)?.push(transaction);
    this.unsortedAccounts.add(accountId);
    return transaction;
  }

  removeTransaction(transactionId: string): void {
    const transaction = this.requireTransaction(transactionId);
    this.transactions.delete(transactionId);
    const rows = this.transactionsByAccount.get(transaction.accountId) ?? [];
    const index = rows.indexOf(transaction);
    if (index >= 0) rows.splice(index, 1);
  }

  /**
   * Books a pending row. `same-id` flips it in place; `new-id` removes it and inserts a booked row
   * with a new Tink id (the provider transaction id is kept, as many banks do).
   */
  bookPending(transactionId: string, options: BookPendingOptions = {}): SimTransaction {
    const pending = this.requireTransaction(transactionId);
    if (pending.status !== 'PENDING')
      throw new Error(`transaction ${transactionId} is not pending`);
    const bookedDate = options.bookedDate ?? pending.bookedDate;
    const mode = options.mode ?? pending.bookingMode;
    if (mode === 'same-id') {
      pending.status = 'BOOKED';
      pending.bookedDate = bookedDate;
      pending.valueDate = bookedDate;
      pending.mutability = 'IMMUTABLE';
      if (options.amount) pending.amount = options.amount;
      this.unsortedAccounts.add(pending.accountId);
      return pending;
    }
    this.removeTransaction(transactionId);
    return this.addTransaction(pending.accountId, {
      status: 'BOOKED',
      bookedDate,
      valueDate: bookedDate,
      transactionDate: pending.transactionDate,
      amount: options.amount ?? pending.amount,
      description: pending.description,
      originalDescription: pending.originalDescription ?? undefined,
      merchantName: pending.merchantName,
      merchantCategoryCode: pending.merchantCategoryCode,
      counterpartyName: pending.counterpartyName,
      providerTransactionId: providerTransactionIdOf(pending),
      categoryId: pending.categoryId,
      categoryName: pending.categoryName,
    });
  }

  /** Books every pending row of the credential's accounts whose expected date has come. */
  bookDuePending(credentialId: string, today: string): number {
    let booked = 0;
    for (const account of this.accountsOfCredential(credentialId)) {
      const due = this.transactionsOf(account.id).filter(
        (row) => row.status === 'PENDING' && row.bookedDate <= today,
      );
      for (const row of due) {
        this.bookPending(row.id);
        booked += 1;
      }
    }
    return booked;
  }

  user(id: string): SimUser | undefined {
    return this.users.get(id);
  }

  userByExternalId(externalUserId: string): SimUser | undefined {
    return this.usersByExternalId.get(externalUserId);
  }

  allUsers(): SimUser[] {
    return [...this.users.values()];
  }

  credential(id: string): SimCredential | undefined {
    return this.credentials.get(id);
  }

  credentialsOf(userId: string): SimCredential[] {
    return (this.credentialIdsByUser.get(userId) ?? []).flatMap((id) => {
      const credential = this.credentials.get(id);
      return credential ? [credential] : [];
    });
  }

  account(id: string): SimAccount | undefined {
    return this.accounts.get(id);
  }

  accountsOf(userId: string): SimAccount[] {
    return (this.accountIdsByUser.get(userId) ?? []).flatMap((id) => {
      const account = this.accounts.get(id);
      return account ? [account] : [];
    });
  }

  accountsOfCredential(credentialId: string): SimAccount[] {
    const credential = this.credentials.get(credentialId);
    if (!credential) return [];
    return this.accountsOf(credential.userId).filter((a) => a.credentialId === credentialId);
  }

  transaction(id: string): SimTransaction | undefined {
    return this.transactions.get(id);
  }

  /** Newest first: booked date descending, then id descending (the pagination order). */
  transactionsOf(accountId: string): SimTransaction[] {
    const rows = this.transactionsByAccount.get(accountId) ?? [];
    if (this.unsortedAccounts.delete(accountId)) rows.sort(byBookedDateThenIdDescending);
    return rows;
  }

  counts(): { users: number; credentials: number; accounts: number; transactions: number } {
    return {
      users: this.users.size,
      credentials: this.credentials.size,
      accounts: this.accounts.size,
      transactions: this.transactions.size,
    };
  }

  private requireUser(id: string): SimUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`unknown user ${id}`);
    return user;
  }

  private requireCredential(id: string): SimCredential {
    const credential = this.credentials.get(id);
    if (!credential) throw new Error(`unknown credential ${id}`);
    return credential;
  }

  private requireAccount(id: string): SimAccount {
    const account = this.accounts.get(id);
    if (!account) throw new Error(`unknown account ${id}`);
    return account;
  }

  private requireTransaction(id: string): SimTransaction {
    const transaction = this.transactions.get(id);
    if (!transaction) throw new Error(`unknown transaction ${id}`);
    return transaction;
  }
}

/** The bank's own id of a row; stays the same when Tink re-issues the row under a new id. */
export function providerTransactionIdOf(transaction: SimTransaction): string {
  return transaction.providerTransactionId ?? `ptx-${transaction.id.slice(16, 28)}`;
}

function pushTo(index: Map<string, string[]>, key: string, value: string): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

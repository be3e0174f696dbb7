import { SeededRandom } from '../../utils/seeded-random';
import type { SimAccount, SimConnection, SimTransaction } from './sim-types';

/** The Test connector every simulated connection belongs to. */
export const TEST_CONNECTOR = {
  id: 59,
  uuid: '338178e6-3d01-564f-9a7b-52ca442459bf',
} as const;

export interface NewAccount {
  readonly name?: string;
  readonly balance?: number;
  readonly currency?: string;
  readonly type?: string;
}

export interface NewTransaction {
  /** YYYY-MM-DD; default the simulated today. */
  readonly date?: string;
  readonly value?: number;
  readonly wording?: string;
  readonly coming?: boolean;
}

/** A PSD2 consent's usual length: connections expire this long after they are made. */
export const CONSENT_DAYS = 180;

const WORDINGS = ['CB CARREFOUR', 'PRLV EDF', 'VIR SALAIRE', 'CB SNCF', 'RETRAIT DAB', 'CB FNAC'];

/** Connections, accounts and transactions of every user; ids are integers, as in Powens. */
export class SimStore {
  private readonly connections = new Map<number, SimConnection>();
  private readonly accounts = new Map<number, SimAccount>();
  private readonly transactions = new Map<number, SimTransaction>();
  private nextId = { connection: 1, account: 1, transaction: 1 };
  private random: SeededRandom;

  constructor(
    private readonly now: () => number,
    private readonly seed: number,
  ) {
    this.random = new SeededRandom(seed);
  }

  reset(): void {
    this.connections.clear();
    this.accounts.clear();
    this.transactions.clear();
    this.nextId = { connection: 1, account: 1, transaction: 1 };
    this.random = new SeededRandom(this.seed);
  }

  addConnection(userId: number): SimConnection {
    const connection: SimConnection = {
      id: this.nextId.connection++,
      userId,
      connectorId: TEST_CONNECTOR.id,
      connectorUuid: TEST_CONNECTOR.uuid,
      state: null,
      errorMessage: null,
      lastUpdate: null,
      created: this.now(),
      active: true,
      expire: this.now() + CONSENT_DAYS * 86_400_000,
      nextTry: null,
    };
    this.connections.set(connection.id, connection);
    return connection;
  }

  connection(id: number): SimConnection | undefined {
    return this.connections.get(id);
  }

  connectionsOf(userId: number): SimConnection[] {
    return [...this.connections.values()].filter((c) => c.userId === userId);
  }

  /** Removes the connection with its accounts and their transactions (Powens' hard delete). */
  deleteConnection(id: number): void {
    this.connections.delete(id);
    for (const account of [...this.accounts.values()]) {
      if (account.connectionId !== id) continue;
      this.accounts.delete(account.id);
      for (const tx of [...this.transactions.values()]) {
        if (tx.accountId === account.id) this.transactions.delete(tx.id);
      }
    }
  }

  addAccount(connectionId: number, options: NewAccount = {}): SimAccount {
    const connection = this.require(this.connections.get(connectionId), 'connection', connectionId);
    const id = this.nextId.account++;
    const account: SimAccount = {
      id,
      connectionId,
      userId: connection.userId,
      name: options.name ?? `Compte chèque ${id}`,
      number: this.random.digits(11),
      iban: `FR76${this.random.digits(23)}`,
      balance: options.balance ?? this.random.int(-50_000, 500_000) / 100,
      currency: options.currency ?? 'EUR',
      type: options.type ?? 'checking',
      lastUpdate: this.now(),
      deleted: null,
      disabled: null,
    };
    this.accounts.set(id, account);
    return account;
  }

  account(id: number): SimAccount | undefined {
    return this.accounts.get(id);
  }

  accountsOf(userId: number, includeDisabledAndDeleted: boolean): SimAccount[] {
    return [...this.accounts.values()].filter(
      (a) =>
        a.userId === userId &&
        (includeDisabledAndDeleted || (a.deleted === null && a.disabled === null)),
    );
  }

  accountsOfConnection(connectionId: number): SimAccount[] {
    return [...this.accounts.values()].filter((a) => a.connectionId === connectionId);
  }

  addTransaction(accountId: number, options: NewTransaction = {}): SimTransaction {
    this.require(this.accounts.get(accountId), 'account', accountId);
    const tx: SimTransaction = {
      id: this.nextId.transaction++,
      accountId,
      date: options.date ?? new Date(this.now()).toISOString().slice(0, 10),
      value: options.value ?? this.random.int(-20_000, 5_000) / 100,
      wording: options.wording ?? this.random.pick(WORDINGS),
      type: 'card',
      coming: options.coming ?? false,
      dateScraped: this.now(),
      lastUpdate: this.now(),
      deleted: null,
    };
    this.transactions.set(tx.id, tx);
    return tx;
  }

  /** `count` deterministic rows, one a day going back from `endDate`. */
  addTransactions(accountId: number, count: number, endDate?: string): SimTransaction[] {
    const end = Date.parse(`${endDate ?? new Date(this.now()).toISOString().slice(0, 10)}Z`);
    return Array.from({ length: count }, (_, index) =>
      this.addTransaction(accountId, {
        date: new Date(end - (count - 1 - index) * 86_400_000).toISOString().slice(0, 10),
      }),
    );
  }

  transaction(id: number): SimTransaction | undefined {
    return this.transactions.get(id);
  }

  transactionsOf(userId: number): SimTransaction[] {
    const accountIds = new Set(this.accountsOf(userId, true).map((a) => a.id));
    return [...this.transactions.values()].filter((t) => accountIds.has(t.accountId));
  }

  /** Marks the row removed by the bank; it now reaches only `all`/`deleted` lists. */
  deleteTransaction(id: number): SimTransaction {
    const tx = this.require(this.transactions.get(id), 'transaction', id);
    tx.deleted = this.now();
    tx.lastUpdate = this.now();
    return tx;
  }

  /**
   * A pending row books: it keeps its id (`same_id`), or is deleted and replaced by a new booked
   * row (`replace`, which returns the new row).
   */
  book(id: number, mode: 'same_id' | 'replace'): SimTransaction {
    const tx = this.require(this.transactions.get(id), 'transaction', id);
    if (mode === 'same_id') {
      tx.coming = false;
      tx.lastUpdate = this.now();
      return tx;
    }
    this.deleteTransaction(id);
    return this.addTransaction(tx.accountId, {
      date: tx.date,
      value: tx.value,
      wording: tx.wording,
      coming: false,
    });
  }

  private require<T>(value: T | undefined, kind: string, id: number): T {
    if (value === undefined) throw new Error(`unknown ${kind} ${id}`);
    return value;
  }
}

import type { IdGenerator } from './sim-ids';
import type {
  SimAccount,
  SimAgreement,
  SimRequisition,
  SimTransaction,
  TransactionIdMode,
} from './sim-types';
import type { DataScope } from './sim-types';

export interface NewAgreement {
  readonly institutionId: string;
  readonly maxHistoricalDays: number;
  readonly accessValidForDays: number;
  readonly accessScope: readonly DataScope[];
  readonly accepted?: number | null;
}

export interface NewRequisition {
  readonly redirect: string;
  readonly institutionId: string;
  readonly agreementId: string;
  readonly reference: string;
  readonly userLanguage?: string;
  readonly ssn?: string | null;
  readonly accountSelection?: boolean;
  readonly redirectImmediate?: boolean;
}

export interface NewAccount {
  readonly currency?: string;
  readonly ownerName?: string;
  readonly name?: string;
  readonly balance?: string;
  readonly transactionIdMode?: TransactionIdMode;
  readonly successLimit?: number;
}

export type NewTransaction = Omit<SimTransaction, 'key' | 'accountId' | 'currency'> & {
  readonly currency?: string;
};

/** Agreements, requisitions, accounts and their transactions, in creation order. */
export class SimStore {
  private readonly agreementsById = new Map<string, SimAgreement>();
  private readonly requisitionsById = new Map<string, SimRequisition>();
  private readonly accountsById = new Map<string, SimAccount>();
  private readonly transactionsByAccount = new Map<string, SimTransaction[]>();
  private readonly transactionsByKey = new Map<string, SimTransaction>();
  private readonly references = new Set<string>();
  private nextTransactionKey = 1;

  constructor(
    readonly ids: IdGenerator,
    private readonly now: () => number,
    private readonly defaultSuccessLimit: () => number,
  ) {}

  addAgreement(input: NewAgreement): SimAgreement {
    const agreement: SimAgreement = {
      id: this.ids.uuid(),
      created: this.now(),
      institutionId: input.institutionId,
      maxHistoricalDays: input.maxHistoricalDays,
      accessValidForDays: input.accessValidForDays,
      accessScope: [...input.accessScope],
      accepted: input.accepted ?? null,
      expiredAt: null,
      expiredStatus: null,
      revokedAt: null,
    };
    this.agreementsById.set(agreement.id, agreement);
    return agreement;
  }

  agreement(id: string): SimAgreement | undefined {
    return this.agreementsById.get(id);
  }

  agreements(): SimAgreement[] {
    return [...this.agreementsById.values()];
  }

  deleteAgreement(id: string): boolean {
    return this.agreementsById.delete(id);
  }

  referenceTaken(reference: string): boolean {
    return this.references.has(reference);
  }

  addRequisition(input: NewRequisition): SimRequisition {
    const requisition: SimRequisition = {
      id: this.ids.uuid(),
      created: this.now(),
      redirect: input.redirect,
      status: 'CR',
      institutionId: input.institutionId,
      agreementId: input.agreementId,
      reference: input.reference,
      accounts: [],
      userLanguage: input.userLanguage ?? 'EN',
      ssn: input.ssn ?? null,
      accountSelection: input.accountSelection ?? false,
      redirectImmediate: input.redirectImmediate ?? false,
    };
    this.requisitionsById.set(requisition.id, requisition);
    this.references.add(requisition.reference);
    return requisition;
  }

  requisition(id: string): SimRequisition | undefined {
    return this.requisitionsById.get(id);
  }

  requisitions(): SimRequisition[] {
    return [...this.requisitionsById.values()];
  }

  requisitionsOfAgreement(agreementId: string): SimRequisition[] {
    return this.requisitions().filter((requisition) => requisition.agreementId === agreementId);
  }

  /** Like GoCardless: the requisition goes with its agreement; its accounts are gone too. */
  deleteRequisition(id: string): boolean {
    const requisition = this.requisitionsById.get(id);
    if (!requisition) return false;
    for (const accountId of requisition.accounts) {
      this.accountsById.delete(accountId);
      for (const transaction of this.transactionsByAccount.get(accountId) ?? []) {
        this.transactionsByKey.delete(transaction.key);
      }
      this.transactionsByAccount.delete(accountId);
    }
    this.agreementsById.delete(requisition.agreementId);
    this.references.delete(requisition.reference);
    return this.requisitionsById.delete(id);
  }

  addAccount(requisition: SimRequisition, input: NewAccount = {}): SimAccount {
    const country = /_[A-Z]{4}([A-Z]{2})/.exec(requisition.institutionId)?.[1] ?? 'DE';
    const account: SimAccount = {
      id: this.ids.uuid(),
      created: this.now(),
      lastAccessed: null,
      iban: this.ids.iban(country),
      institutionId: requisition.institutionId,
      requisitionId: requisition.id,
      status: 'READY',
      ownerName: input.ownerName ?? 'Jane Doe',
      currency: input.currency ?? 'EUR',
      name: input.name ?? 'Main account',
      balance: input.balance ?? '1000.00',
      transactionIdMode: input.transactionIdMode ?? 'stable',
      successLimit: input.successLimit ?? this.defaultSuccessLimit(),
    };
    this.accountsById.set(account.id, account);
    this.transactionsByAccount.set(account.id, []);
    requisition.accounts.push(account.id);
    return account;
  }

  account(id: string): SimAccount | undefined {
    return this.accountsById.get(id);
  }

  accountCount(): number {
    return this.accountsById.size;
  }

  addTransaction(accountId: string, input: NewTransaction): SimTransaction {
    const account = this.accountsById.get(accountId);
    if (!account) throw new Error(`unknown account ${accountId}`);
    const transaction: SimTransaction = {
      ...input,
      key: `tx-${this.nextTransactionKey}`,
      accountId,
      currency: input.currency ?? account.currency,
    };
    this.nextTransactionKey += 1;
    this.transactionsByAccount.get(accountId)?.push(transaction);
    this.transactionsByKey.set(transaction.key, transaction);
    return transaction;
  }

  transactionsOf(accountId: string): readonly SimTransaction[] {
    return this.transactionsByAccount.get(accountId) ?? [];
  }

  transaction(key: string): SimTransaction | undefined {
    return this.transactionsByKey.get(key);
  }
}

import { EntityManager, In, IsNull } from 'typeorm';
import { CreditContractEntity, OrganizationEntity, OrgBankAccountEntity } from '../entities';
import { upsertRows } from './batch-insert';

/** The reference data one row names. Expense rows know no БИК, bank or contract date. */
export interface ReferenceRow {
  inn: string;
  organization: string;
  account: string;
  bic?: string | null;
  bank?: string | null;
  contract: string;
  contractDate?: string | null;
}

export interface AccountRef {
  id: number;
  organizationId: number;
  ownerInn: string;
  bic: string | null;
}

interface ContractRef {
  id: number;
  contractDate: string | null;
}

/**
 * Finds or creates the organizations (by ИНН), bank accounts (by number) and contracts (by
 * organization and number) that rows mention, within one department and one transaction.
 * Everything resolved is cached, so a file's later batches touch the database only for
 * reference data they are the first to mention.
 */
export class ReferenceResolver {
  private readonly organizations = new Map<string, number>();
  private readonly innByOrganization = new Map<number, string>();
  private readonly accounts = new Map<string, AccountRef>();
  /** Organization id → contract number → contract. */
  private readonly contracts = new Map<number, Map<string, ContractRef>>();

  constructor(
    private readonly manager: EntityManager,
    private readonly departmentId: number,
    private readonly now: () => Date,
  ) {}

  async resolve(rows: readonly ReferenceRow[]): Promise<void> {
    await this.resolveOrganizations(rows);
    await this.resolveAccounts(rows);
    await this.resolveContracts(rows);
    await this.completeFromReceipts(rows);
  }

  organizationId(inn: string): number {
    return required(this.organizations.get(inn), `organization ${inn}`);
  }

  account(accountNumber: string): AccountRef {
    return required(this.accounts.get(accountNumber), `account ${accountNumber}`);
  }

  contractId(organizationId: number, contractNumber: string): number {
    return this.contract(organizationId, contractNumber).id;
  }

  private contract(organizationId: number, contractNumber: string): ContractRef {
    return required(
      this.contracts.get(organizationId)?.get(contractNumber),
      `contract ${contractNumber}`,
    );
  }

  private async resolveOrganizations(rows: readonly ReferenceRow[]): Promise<void> {
    const missing = new Map<string, ReferenceRow>();
    for (const row of rows) {
      if (!this.organizations.has(row.inn) && !missing.has(row.inn)) missing.set(row.inn, row);
    }
    if (missing.size === 0) return;
    await upsertRows(
      this.manager,
      OrganizationEntity,
      [...missing.values()].map((row) => ({
        departmentId: this.departmentId,
        inn: row.inn,
        name: row.organization,
      })),
      ['inn'],
      ['department_id', 'inn'],
    );
    const found = await this.manager.find(OrganizationEntity, {
      select: { id: true, inn: true },
      where: { departmentId: this.departmentId, inn: In([...missing.keys()]) },
    });
    for (const { id, inn } of found) {
      this.organizations.set(inn, id);
      this.innByOrganization.set(id, inn);
    }
  }

  private async resolveAccounts(rows: readonly ReferenceRow[]): Promise<void> {
    const missing = new Map<string, ReferenceRow>();
    for (const row of rows) {
      if (!this.accounts.has(row.account) && !missing.has(row.account)) {
        missing.set(row.account, row);
      }
    }
    if (missing.size === 0) return;
    await upsertRows(
      this.manager,
      OrgBankAccountEntity,
      [...missing.values()].map((row) => ({
        departmentId: this.departmentId,
        organizationId: this.organizationId(row.inn),
        accountNumber: row.account,
        bic: row.bic ?? null,
        bankName: row.bic ? (row.bank ?? null) : null,
      })),
      ['account_number'],
      ['department_id', 'account_number'],
    );
    const found = await this.manager.find(OrgBankAccountEntity, {
      select: { id: true, accountNumber: true, organizationId: true, bic: true },
      where: { departmentId: this.departmentId, accountNumber: In([...missing.keys()]) },
    });
    await this.loadOwnerInns(found.map((account) => account.organizationId));
    for (const account of found) {
      this.accounts.set(account.accountNumber, {
        id: account.id,
        organizationId: account.organizationId,
        ownerInn: required(this.innByOrganization.get(account.organizationId), 'account owner'),
        bic: account.bic,
      });
    }
  }

  private async resolveContracts(rows: readonly ReferenceRow[]): Promise<void> {
    const missing: ReferenceRow[] = [];
    const pending = new Map<number, Set<string>>();
    for (const row of rows) {
      const organizationId = this.organizationId(row.inn);
      if (this.contracts.get(organizationId)?.has(row.contract)) continue;
      const numbers = pending.get(organizationId) ?? new Set<string>();
      if (numbers.has(row.contract)) continue;
      numbers.add(row.contract);
      pending.set(organizationId, numbers);
      missing.push(row);
    }
    if (missing.length === 0) return;
    await upsertRows(
      this.manager,
      CreditContractEntity,
      missing.map((row) => ({
        departmentId: this.departmentId,
        organizationId: this.organizationId(row.inn),
        contractNumber: row.contract,
        contractDate: row.contractDate ?? null,
      })),
      ['contract_number'],
      ['organization_id', 'contract_number'],
    );
    const found = await this.manager.find(CreditContractEntity, {
      select: { id: true, organizationId: true, contractNumber: true, contractDate: true },
      where: {
        departmentId: this.departmentId,
        contractNumber: In([...new Set(missing.map((row) => row.contract))]),
      },
    });
    for (const contract of found) {
      const byNumber =
        this.contracts.get(contract.organizationId) ?? new Map<string, ContractRef>();
      byNumber.set(contract.contractNumber, {
        id: contract.id,
        contractDate: contract.contractDate,
      });
      this.contracts.set(contract.organizationId, byNumber);
    }
  }

  /**
   * An account or contract first met in an expense file has no БИК or contract date; the
   * first receipt that names it fills them in.
   */
  private async completeFromReceipts(rows: readonly ReferenceRow[]): Promise<void> {
    for (const row of rows) {
      if (row.bic) {
        const account = this.account(row.account);
        if (account.bic === null) {
          await this.manager.update(
            OrgBankAccountEntity,
            { id: account.id, bic: IsNull() },
            { bic: row.bic, bankName: row.bank ?? null, updatedAt: this.now() },
          );
          account.bic = row.bic;
        }
      }
      if (row.contractDate) {
        const contract = this.contract(this.organizationId(row.inn), row.contract);
        if (contract.contractDate === null) {
          await this.manager.update(
            CreditContractEntity,
            { id: contract.id, contractDate: IsNull() },
            { contractDate: row.contractDate, updatedAt: this.now() },
          );
          contract.contractDate = row.contractDate;
        }
      }
    }
  }

  private async loadOwnerInns(organizationIds: number[]): Promise<void> {
    const unknown = [...new Set(organizationIds)].filter((id) => !this.innByOrganization.has(id));
    if (unknown.length === 0) return;
    const owners = await this.manager.find(OrganizationEntity, {
      select: { id: true, inn: true },
      where: { id: In(unknown) },
    });
    for (const owner of owners) this.innByOrganization.set(owner.id, owner.inn);
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Reference data missing after resolution: ${what}`);
  return value;
}

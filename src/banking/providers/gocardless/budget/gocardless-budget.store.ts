import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { RateLimitState } from '../client/gocardless-rate-headers';
import { BUDGET_WINDOW_MS, type StoredBudget } from './budget-plan';
import { GoCardlessAccountStateEntity } from './gocardless-account-state.entity';
import { BudgetScope, GoCardlessBudgetEntity } from './gocardless-budget.entity';

export interface AccountBook {
  readonly state: GoCardlessAccountStateEntity;
  readonly budgets: ReadonlyMap<BudgetScope, StoredBudget>;
}

/**
 * Accounts and budgets of GoCardless connections in the database, shared by every instance. Only
 * the sync holding a connection's lease writes its rows, so read-modify-write is safe here.
 */
@Injectable()
export class GoCardlessBudgetStore {
  constructor(
    @InjectRepository(GoCardlessAccountStateEntity)
    private readonly accounts: Repository<GoCardlessAccountStateEntity>,
    @InjectRepository(GoCardlessBudgetEntity)
    private readonly budgets: Repository<GoCardlessBudgetEntity>,
  ) {}

  /** Makes sure each account has a row (new accounts after a reconnect, for example). */
  async ensureAccounts(
    connectionId: number,
    accountIds: readonly string[],
    historyDays: number | null,
  ): Promise<void> {
    const known = new Set(
      (await this.accounts.findBy({ connectionId })).map((account) => account.accountId),
    );
    const missing = accountIds.filter((id) => !known.has(id));
    if (missing.length > 0) {
      // NEW: its status at GoCardless is checked before the first data call.
      await this.accounts.insert(
        missing.map((accountId) => ({ connectionId, accountId, status: 'NEW', historyDays })),
      );
    }
  }

  async books(connectionIds: readonly number[]): Promise<Map<number, AccountBook[]>> {
    const byConnection = new Map<number, AccountBook[]>();
    if (connectionIds.length === 0) return byConnection;
    const ids = In([...connectionIds]);
    const [states, budgets] = await Promise.all([
      this.accounts.find({ where: { connectionId: ids }, order: { id: 'ASC' } }),
      this.budgets.findBy({ connectionId: ids }),
    ]);
    for (const state of states) {
      const scoped = new Map<BudgetScope, StoredBudget>();
      for (const row of budgets) {
        if (row.connectionId === state.connectionId && row.accountId === state.accountId) {
          scoped.set(row.scope, {
            callLimit: row.callLimit,
            remaining: row.remaining,
            resetsAt: row.resetsAt,
            recentCalls: row.recentCalls ?? [],
          });
        }
      }
      const list = byConnection.get(state.connectionId) ?? [];
      list.push({ state, budgets: scoped });
      byConnection.set(state.connectionId, list);
    }
    return byConnection;
  }

  /** A successful data call: one more in the window, the headers' word, the circuit closed. */
  async recordSuccess(
    connectionId: number,
    accountId: string,
    scope: BudgetScope | null,
    header: RateLimitState | null,
    now: Date,
  ): Promise<void> {
    // Metadata (no scope) is GoCardless' own record, not the bank: it does not end a failure streak.
    if (!scope) return;
    await this.updateBudget(connectionId, accountId, scope, header, now, true);
    await this.accounts.update(
      { connectionId, accountId },
      { consecutiveFailures: 0, circuitOpenUntil: null },
    );
  }

  /** A failed call: the headers' word; `spent` marks the scope as spent until `resetsAt`. */
  async recordRefusal(
    connectionId: number,
    accountId: string,
    scope: BudgetScope,
    header: RateLimitState | null,
    now: Date,
    spentUntil: Date | null,
  ): Promise<void> {
    await this.updateBudget(connectionId, accountId, scope, header, now, false, spentUntil);
  }

  /**
   * A failed call the bank counts towards suspension. At `threshold` failures in a row the
   * account's circuit opens for `cooldownMs`, doubled per further failure. Returns the count.
   */
  async recordFailure(
    connectionId: number,
    accountId: string,
    now: Date,
    threshold: number,
    cooldownMs: number,
  ): Promise<number> {
    const state = await this.accounts.findOneBy({ connectionId, accountId });
    if (!state) return 0;
    const failures = state.consecutiveFailures + 1;
    const open =
      failures >= threshold
        ? new Date(now.getTime() + cooldownMs * 2 ** Math.min(failures - threshold, 6))
        : null;
    await this.accounts.update(state.id, { consecutiveFailures: failures, circuitOpenUntil: open });
    return failures;
  }

  async saveAccount(
    connectionId: number,
    accountId: string,
    changes: Partial<
      Pick<
        GoCardlessAccountStateEntity,
        | 'status'
        | 'stoppedReason'
        | 'name'
        | 'iban'
        | 'currency'
        | 'accountType'
        | 'detailsReadAt'
        | 'balance'
        | 'balanceAt'
        | 'transactionsReads'
      >
    >,
  ): Promise<void> {
    await this.accounts.update({ connectionId, accountId }, changes);
  }

  private async updateBudget(
    connectionId: number,
    accountId: string,
    scope: BudgetScope,
    header: RateLimitState | null,
    now: Date,
    succeeded: boolean,
    spentUntil: Date | null = null,
  ): Promise<void> {
    const at = now.getTime();
    const existing = await this.budgets.findOneBy({ connectionId, accountId, scope });
    const recent = (existing?.recentCalls ?? []).filter((t) => t > at - BUDGET_WINDOW_MS);
    if (succeeded) recent.push(at);
    const values: Partial<GoCardlessBudgetEntity> = { recentCalls: recent };
    if (header?.limit !== null && header?.limit !== undefined) values.callLimit = header.limit;
    if (header?.remaining !== null && header?.remaining !== undefined) {
      values.remaining = header.remaining;
      values.resetsAt =
        header.resetSeconds !== null ? new Date(at + header.resetSeconds * 1000) : null;
    }
    if (spentUntil) {
      values.remaining = 0;
      values.resetsAt = spentUntil;
    }
    if (existing) await this.budgets.update(existing.id, values);
    else await this.budgets.insert({ connectionId, accountId, scope, ...values });
  }
}

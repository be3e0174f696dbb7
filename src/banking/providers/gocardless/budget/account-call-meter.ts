import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../../config/app-config';
import { Clock } from '../../../../core/scheduling/clock';
import type { RateLimitState } from '../client/gocardless-rate-headers';
import {
  GoCardlessAccountUnavailableError,
  GoCardlessRateLimitedError,
  rateHeadersOf,
} from '../errors/gocardless-api.errors';
import type { MeteredAnswer } from '../gocardless.client';
import { goCardlessConfig, type GoCardlessSettings } from '../gocardless.config';
import { SUSPENSION_GUARD_FAILURES, countsTowardSuspension } from './account-gate';
import type { BudgetScope } from './gocardless-budget.entity';
import { GoCardlessBudgetStore } from './gocardless-budget.store';

/** Wraps every account call with what it does to the account's budget and circuit. */
@Injectable()
export class AccountCallMeter {
  private readonly settings: GoCardlessSettings;

  constructor(
    config: AppConfig,
    private readonly clock: Clock,
    private readonly store: GoCardlessBudgetStore,
  ) {
    this.settings = config.get(goCardlessConfig);
  }

  /**
   * One account call with its bookkeeping: a success spends from the scope's budget and closes
   * the circuit; a failure updates the budget from the answer's headers, counts towards the
   * circuit when the bank counts it, and stops the account when GoCardless reports it unusable.
   */
  async metered<T>(
    connectionId: number,
    accountId: string,
    scope: BudgetScope | null,
    call: () => Promise<MeteredAnswer<T>>,
  ): Promise<MeteredAnswer<T>> {
    try {
      const answer = await call();
      await this.store.recordSuccess(
        connectionId,
        accountId,
        scope,
        answer.rate.accountSuccess,
        this.clock.now(),
      );
      return answer;
    } catch (error) {
      await this.recordFailure(connectionId, accountId, scope, error);
      throw error;
    }
  }

  private async recordFailure(
    connectionId: number,
    accountId: string,
    scope: BudgetScope | null,
    error: unknown,
  ): Promise<void> {
    const now = this.clock.now();
    const header: RateLimitState | null = rateHeadersOf(error)?.accountSuccess ?? null;
    if (scope) {
      const spentUntil =
        error instanceof GoCardlessRateLimitedError && error.limit === 'account'
          ? new Date(now.getTime() + (error.retryAfterMs ?? 24 * 3_600_000))
          : null;
      await this.store.recordRefusal(connectionId, accountId, scope, header, now, spentUntil);
    }
    if (error instanceof GoCardlessAccountUnavailableError) {
      await this.store.saveAccount(connectionId, accountId, {
        status: 'SUSPENDED',
        stoppedReason: `GoCardless refused the account: ${error.message.slice(0, 300)}`,
      });
      return;
    }
    if (!countsTowardSuspension(error)) return;
    const failures = await this.store.recordFailure(
      connectionId,
      accountId,
      now,
      this.settings.circuitFailures,
      this.settings.circuitCooldownMs,
    );
    if (failures >= SUSPENSION_GUARD_FAILURES) {
      await this.store.saveAccount(connectionId, accountId, {
        stoppedReason: `${failures} failed calls in a row; stopped before GoCardless suspends the account (it does at 10)`,
      });
    }
  }
}

import { Injectable } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { BankProvider } from './bank-sync.types';
import { SharedRateLimiters } from './shared-rate-limiters';

const DAY_SECONDS = 86_400;

/**
 * Refreshes a provider allows per provider user per day, counted in the database so that every
 * instance spends the same budget. The window is rate-limiter-flexible's: 24 hours from the first
 * refresh in it.
 */
@Injectable()
export class RefreshBudget {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(private readonly shared: SharedRateLimiters) {}

  /** Takes one refresh from the budget; `false` when it is spent. */
  async take(provider: BankProvider, providerUser: string, perDay: number): Promise<boolean> {
    try {
      await this.limiterFor(provider, perDay).consume(providerUser, 1);
      return true;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return false;
      throw rejection;
    }
  }

  private limiterFor(provider: BankProvider, perDay: number): RateLimiterAbstract {
    const key = `${provider}:${perDay}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = this.shared.create({
        keyPrefix: `${provider}-refresh`,
        points: perDay,
        durationSeconds: DAY_SECONDS,
      });
      this.limiters.set(key, limiter);
    }
    return limiter;
  }
}

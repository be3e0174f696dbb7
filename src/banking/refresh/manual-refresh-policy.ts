import { ForbiddenException, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../core/scheduling/clock';
import { UsersService } from '../../users/users.service';
import { bankSyncConfig } from '../sync/bank-sync.config';

/** Who may ask for a refresh now: with MANUAL_REFRESH_REQUIRES_PREMIUM, premium users only. */
@Injectable()
export class ManualRefreshPolicy {
  private readonly requiresPremium: boolean;

  constructor(
    config: AppConfig,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {
    this.requiresPremium = config.get(bankSyncConfig).manualRefreshRequiresPremium;
  }

  /**
   * The rule is about whose data is refreshed (the refresh spends that user's provider budget), so
   * it holds for an admin refreshing a free user too.
   */
  async assertAllowed(userId: number): Promise<void> {
    if (!this.requiresPremium) return;
    const user = await this.users.get(userId);
    if (user.hasActivePremium(this.clock.now())) return;
    throw new ForbiddenException(
      `A manual refresh needs an active premium subscription (MANUAL_REFRESH_REQUIRES_PREMIUM=true); user ${userId} has none`,
    );
  }
}

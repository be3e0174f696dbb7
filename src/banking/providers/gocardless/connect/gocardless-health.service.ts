import { Injectable, type LoggerService } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AppConfig } from '../../../../config/app-config';
import { Clock } from '../../../../core/scheduling/clock';
import type { RunItemReporter } from '../../../../core/scheduling/run-items';
import type { BankConnectionEntity } from '../../../connections/bank-connection.entity';
import { BankConnectionsService } from '../../../connections/bank-connections.service';
import { agreementExpiresAt } from '../dto/gocardless-agreement.dto';
import { GoCardlessConsentExpiredError } from '../errors/gocardless-api.errors';
import type { GoCardlessClient } from '../gocardless.client';
import { goCardlessConfig } from '../gocardless.config';

/** Emitted when a consent ends within the warning window (the alerts feature sends it on). */
export const CONSENT_EXPIRING_EVENT = 'consent.expiring';

export interface ConsentExpiringEvent {
  readonly provider: 'gocardless';
  readonly connectionId: number;
  readonly userId: number;
  readonly consentExpiresAt: Date;
}

export interface HealthCheckStats {
  checked: number;
  healthy: number;
  needs_reauth: number;
  expiring: number;
  failed: number;
}

/**
 * The daily consent check: requisition and agreement status of every live connection. `EX` or an
 * expired agreement → `needs_reauth`; a consent ending within the warning window → an event.
 */
@Injectable()
export class GoCardlessHealthService {
  private readonly warningMs: number;

  constructor(
    config: AppConfig,
    private readonly connections: BankConnectionsService,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
  ) {
    this.warningMs = config.get(goCardlessConfig).consentWarningMs;
  }

  /**
   * Each connection is an item of the run: one whose status could not be read is a failed item,
   * logged with its reason; the run's next attempt checks only those.
   */
  async checkAll(
    client: GoCardlessClient,
    run: {
      signal?: AbortSignal;
      items?: RunItemReporter;
      logger?: Pick<LoggerService, 'warn'>;
      /** On a retry of a partial run: only the connections whose check failed. */
      retryItems?: readonly string[] | null;
    },
  ): Promise<HealthCheckStats> {
    const stats: HealthCheckStats = {
      checked: 0,
      healthy: 0,
      needs_reauth: 0,
      expiring: 0,
      failed: 0,
    };
    const retry = run.retryItems ? new Set(run.retryItems) : null;
    const connections = (await this.connections.listForScheduledSync('gocardless')).filter(
      (connection) => !retry || retry.has(String(connection.id)),
    );
    run.items?.setTotal(connections.length);
    for (const connection of connections) {
      if (run.signal?.aborted) break;
      stats.checked += 1;
      run.items?.working(`connection ${connection.id}`);
      try {
        const verdict = await this.check(client, connection, run.signal);
        stats[verdict] += 1;
        run.items?.finished(connection.id, 'succeeded');
      } catch (error) {
        stats.failed += 1;
        run.items?.finished(connection.id, 'failed');
        run.logger?.warn(
          `GoCardless consent check of connection ${connection.id} failed: ${(error as Error).message}`,
        );
      }
    }
    return stats;
  }

  private async check(
    client: GoCardlessClient,
    connection: BankConnectionEntity,
    signal?: AbortSignal,
  ): Promise<'healthy' | 'needs_reauth' | 'expiring'> {
    const now = this.clock.now();
    try {
      const requisition = await client.requisition(connection.externalId, { signal });
      if (requisition.status === 'EX') {
        await this.connections.recordConsent(
          connection.id,
          connection.consentExpiresAt ?? now,
          'needs_reauth',
          'the GoCardless requisition expired (EX); the user must reconnect',
        );
        return 'needs_reauth';
      }
      const agreement = requisition.agreement
        ? await client.agreement(requisition.agreement, { signal })
        : null;
      const expiresAt = agreement ? agreementExpiresAt(agreement) : connection.consentExpiresAt;
      if (expiresAt && expiresAt.getTime() <= now.getTime()) {
        await this.connections.recordConsent(
          connection.id,
          expiresAt,
          'needs_reauth',
          `the GoCardless end-user agreement expired at ${expiresAt.toISOString()}`,
        );
        return 'needs_reauth';
      }
      await this.connections.recordConsent(connection.id, expiresAt ?? null);
      if (expiresAt && expiresAt.getTime() - now.getTime() <= this.warningMs) {
        const event: ConsentExpiringEvent = {
          provider: 'gocardless',
          connectionId: connection.id,
          userId: connection.userId,
          consentExpiresAt: expiresAt,
        };
        this.events.emit(CONSENT_EXPIRING_EVENT, event);
        return 'expiring';
      }
      return 'healthy';
    } catch (error) {
      if (!(error instanceof GoCardlessConsentExpiredError)) throw error;
      await this.connections.recordConsent(
        connection.id,
        connection.consentExpiresAt ?? now,
        'needs_reauth',
        'GoCardless reports the consent expired or revoked',
      );
      return 'needs_reauth';
    }
  }
}

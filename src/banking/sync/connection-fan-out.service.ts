import { Injectable, Logger } from '@nestjs/common';
import type { BankConnectionEntity } from '../connections/bank-connection.entity';
import type { BankSyncProvider } from './bank-sync-provider.port';
import type { ConnectionSyncResult } from './connection-sync-result';
import { abortableSleep } from '../../infra/async/abortable-sleep';
import { forEachConcurrently } from './concurrency';
import { ConcurrencySlots } from './concurrency-slots';
import { ConnectionSyncService, type SyncRequest } from './connection-sync.service';
import { EMPTY_INGEST_STATS } from './transaction-ingest.service';
import { toSyncFailure } from './sync-failure';

export interface FanOutRequest extends SyncRequest {
  /**
   * Connections doing work (requests, ingest) at the same time. A connection that is only waiting
   * on its bank (between refresh polls) lends its slot to another one meanwhile; at most
   * `IN_FLIGHT_PER_SLOT` times as many connections are in progress.
   */
  readonly concurrency: number;
  /** Called as each connection starts its work (after waiting for a slot). */
  readonly onStart?: (connection: BankConnectionEntity) => void;
  /** Called as each connection finishes (for progress logs). */
  readonly onResult?: (result: ConnectionSyncResult) => void;
}

export const IN_FLIGHT_PER_SLOT = 8;

/**
 * Syncs many connections of one provider with bounded concurrency. One connection's failure,
 * even an unexpected one, never stops the others; connections not started because the run was
 * stopped come back as `cancelled`.
 */
@Injectable()
export class ConnectionFanOutService {
  private readonly logger = new Logger('BankSync');

  constructor(private readonly connectionSync: ConnectionSyncService) {}

  async syncConnections(
    provider: BankSyncProvider,
    connections: readonly BankConnectionEntity[],
    request: FanOutRequest,
  ): Promise<ConnectionSyncResult[]> {
    const slots = new ConcurrencySlots(request.concurrency);
    const idle = (ms: number, signal?: AbortSignal): Promise<void> =>
      slots.lendWhile(() => abortableSleep(ms, signal), signal);
    const results: (ConnectionSyncResult | undefined)[] = new Array(connections.length);
    await forEachConcurrently(
      connections,
      request.concurrency * IN_FLIGHT_PER_SLOT,
      async (connection, index) => {
        // A signal of its own per connection: concurrent requests would otherwise pile their
        // abort listeners onto the one run signal.
        const signal = request.signal && AbortSignal.any([request.signal]);
        try {
          await slots.acquire(signal);
        } catch {
          return; // stopped while queued: reported as not started
        }
        try {
          request.onStart?.(connection);
          const result = await this.syncIsolated(connection, provider, {
            ...request,
            signal,
            idle,
          });
          results[index] = result;
          request.onResult?.(result);
        } finally {
          slots.release();
        }
      },
      request.signal,
    );
    return connections.map((connection, index) => results[index] ?? notStarted(connection));
  }

  private async syncIsolated(
    connection: BankConnectionEntity,
    provider: BankSyncProvider,
    request: SyncRequest,
  ): Promise<ConnectionSyncResult> {
    const startedAt = Date.now();
    try {
      return await this.connectionSync.sync(connection, provider, request);
    } catch (error) {
      // Only infrastructure trouble gets here (e.g. the database went away mid-sync).
      const failure = toSyncFailure(error, request.signal);
      this.logger.error(`Connection ${connection.id}: sync broke off: ${failure.message}`);
      return {
        connectionId: connection.id,
        userId: connection.userId,
        outcome: failure.kind === 'cancelled' ? 'cancelled' : 'failed',
        reason: failure.kind,
        detail: failure.message,
        refresh: null,
        accounts: 0,
        transactions: EMPTY_INGEST_STATS,
        status: connection.status,
        retryAt: null,
        durationMs: Date.now() - startedAt,
      };
    }
  }
}

function notStarted(connection: BankConnectionEntity): ConnectionSyncResult {
  return {
    connectionId: connection.id,
    userId: connection.userId,
    outcome: 'cancelled',
    reason: 'cancelled',
    detail: 'the sync run was stopped before this connection started',
    refresh: null,
    accounts: 0,
    transactions: EMPTY_INGEST_STATS,
    status: connection.status,
    retryAt: null,
    durationMs: 0,
  };
}

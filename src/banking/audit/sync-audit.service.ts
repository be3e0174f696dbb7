import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AuthenticatedUser } from '../../core/auth/roles';
import type { BankProvider } from '../sync/bank-sync.types';
import type { ConnectionSyncResult } from '../sync/connection-sync-result';
import { SyncAuditEntity } from './sync-audit.entity';

export interface ManualSyncRecord {
  readonly actor: AuthenticatedUser;
  readonly userId: number;
  readonly provider: BankProvider;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly results: readonly ConnectionSyncResult[];
}

/** The audit trail of syncs people asked for: one row per connection, or one saying there was none. */
@Injectable()
export class SyncAuditService {
  constructor(
    @InjectRepository(SyncAuditEntity) private readonly audit: Repository<SyncAuditEntity>,
  ) {}

  async recordManualSync(record: ManualSyncRecord): Promise<void> {
    const common = {
      actorUserId: record.actor.id,
      actorRole: record.actor.role,
      userId: record.userId,
      provider: record.provider,
      startedAt: record.startedAt,
      finishedAt: record.finishedAt,
    };
    const rows = record.results.map((result) =>
      this.audit.create({
        ...common,
        connectionId: result.connectionId,
        outcome: result.outcome,
        reason: result.detail,
        details: {
          reason: result.reason,
          refresh: result.refresh?.skipReason ?? result.refresh?.outcome ?? null,
          accounts: result.accounts,
          transactions: result.transactions,
          status: result.status,
          retry_at: result.retryAt?.toISOString() ?? null,
          duration_ms: result.durationMs,
        },
      }),
    );
    if (rows.length === 0) {
      rows.push(
        this.audit.create({
          ...common,
          connectionId: null,
          outcome: 'skipped',
          reason: 'the user has no connection at this provider to sync',
          details: null,
        }),
      );
    }
    await this.audit.insert(rows);
  }
}

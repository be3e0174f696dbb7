import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository } from 'typeorm';
import { storedInstant } from '../../infra/database/stored-instant';
import { BankConnectionEntity } from './bank-connection.entity';

/** What a finished sync writes back onto its connection. */
export type ConnectionOutcomeChanges = Partial<
  Pick<
    BankConnectionEntity,
    | 'status'
    | 'lastSuccessAt'
    | 'lastError'
    | 'consecutiveFailures'
    | 'nextAttemptAt'
    | 'consentExpiresAt'
    | 'sealedSecrets'
    | 'secretsKeyId'
    | 'tokenExpiresAt'
  >
>;

/**
 * A connection's sync lease and outcome. The lease (owner + expiry, taken with one conditional
 * UPDATE) keeps a connection to one sync at a time across instances; a lease whose holder died
 * simply expires.
 */
@Injectable()
export class ConnectionSyncRecorder {
  constructor(
    @InjectRepository(BankConnectionEntity)
    private readonly connections: Repository<BankConnectionEntity>,
  ) {}

  /** Takes the connection if nobody holds it, and stamps `last_sync_at` (every attempt counts). */
  async claim(connectionId: number, owner: string, now: Date, leaseMs: number): Promise<boolean> {
    const result = await this.connections
      .createQueryBuilder()
      .update()
      .set({
        syncLockOwner: owner,
        syncLockedUntil: new Date(now.getTime() + leaseMs),
        lastSyncAt: now,
      })
      .where('id = :id', { id: connectionId })
      .andWhere(
        new Brackets((where) =>
          where.where('sync_locked_until IS NULL').orWhere('sync_locked_until < :now', {
            now: storedInstant(this.connections.manager.connection, now),
          }),
        ),
      )
      .execute();
    return result.affected === 1;
  }

  /** Records the outcome and gives the lease back; `false` if the lease was lost meanwhile. */
  async finish(
    connectionId: number,
    owner: string,
    changes: ConnectionOutcomeChanges,
  ): Promise<boolean> {
    const result = await this.connections
      .createQueryBuilder()
      .update()
      .set({ ...changes, syncLockOwner: null, syncLockedUntil: null })
      .where('id = :id AND sync_lock_owner = :owner', { id: connectionId, owner })
      .execute();
    return result.affected === 1;
  }
}

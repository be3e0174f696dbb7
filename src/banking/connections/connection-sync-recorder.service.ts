import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, In, Repository } from 'typeorm';
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
 * UPDATE) keeps a connection to one sync at a time across instances. Its holder renews it while it
 * works; a lease whose holder died expires, or is released at once when the holder was a task run
 * found dead (the owner is the run's id).
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

  /**
   * Extends the leases `owner` still holds among `connectionIds` to `until`; returns the ids it no
   * longer holds (released for a lost run, or expired and taken by another sync).
   */
  async renew(connectionIds: number[], owner: string, until: Date): Promise<number[]> {
    if (connectionIds.length === 0) return [];
    const result = await this.connections
      .createQueryBuilder()
      .update()
      .set({ syncLockedUntil: until })
      .where({ id: In(connectionIds), syncLockOwner: owner })
      .execute();
    if (result.affected === connectionIds.length) return [];
    const held = await this.connections.find({
      select: { id: true },
      where: { id: In(connectionIds), syncLockOwner: owner },
    });
    const stillHeld = new Set(held.map((row) => row.id));
    return connectionIds.filter((id) => !stillHeld.has(id));
  }

  /** Releases every lease `owner` holds, without recording an outcome; returns how many. */
  async releaseAllOf(owner: string): Promise<number> {
    const result = await this.connections
      .createQueryBuilder()
      .update()
      .set({ syncLockOwner: null, syncLockedUntil: null })
      .where({ syncLockOwner: owner })
      .execute();
    return result.affected ?? 0;
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

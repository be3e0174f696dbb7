import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { AppConfig } from '../../../../config/app-config';
import { schedulingConfig } from '../../../../core/scheduling/scheduling.config';
import type { BankConnectionEntity } from '../../../connections/bank-connection.entity';
import { BankConnectionsService } from '../../../connections/bank-connections.service';
import { smallestSustainableIntervalHours } from '../budget/budget-plan';
import { GoCardlessBudgetStore } from '../budget/gocardless-budget.store';
import { GoCardlessApiService } from '../client/gocardless-api.service';
import { goCardlessConfig } from '../gocardless.config';
import { GoCardlessSchedule, type ScheduleChange } from './gocardless-schedule.service';

export interface ConnectionSchedule {
  readonly connectionId: number;
  readonly taskId: string;
  readonly intervalHours: number;
  readonly maxRetries: number;
  readonly retryDelaySeconds: number;
  readonly nextRun: Date | null;
}

/** What a user changes on their own GoCardless connection: its schedule; disconnecting it. */
@Injectable()
export class GoCardlessConnectionAdmin {
  private readonly defaultLimit: number;
  private readonly minIntervalHours: number;

  constructor(
    config: AppConfig,
    private readonly connections: BankConnectionsService,
    private readonly schedule: GoCardlessSchedule,
    private readonly budgets: GoCardlessBudgetStore,
    private readonly api: GoCardlessApiService,
  ) {
    this.defaultLimit = config.get(goCardlessConfig).accountDailyLimit;
    this.minIntervalHours = Math.ceil(config.get(schedulingConfig).minSyncIntervalSeconds / 3600);
  }

  /**
   * A new interval and/or retry count. An interval shorter than the accounts' daily budget
   * sustains (24 h / limit) or than MIN_SYNC_INTERVAL_SECONDS is refused with the smallest allowed.
   */
  async changeSchedule(
    connectionId: number,
    userId: number,
    change: ScheduleChange,
  ): Promise<ConnectionSchedule> {
    if (change.intervalHours === undefined && change.maxRetries === undefined) {
      throw new BadRequestException('Send interval_hours, max_retries or both');
    }
    const connection = await this.owned(connectionId, userId);
    if (change.intervalHours !== undefined) {
      const smallest = Math.max(await this.sustainableHours(connectionId), this.minIntervalHours);
      if (change.intervalHours < smallest) {
        throw new BadRequestException(
          `interval_hours must be at least ${smallest}: each account allows ${await this.limitOf(connectionId)} transactions reads per 24 h`,
        );
      }
    }
    const task = await this.schedule.change(
      connection.id,
      connection.institutionName ?? connection.externalId,
      change,
    );
    return {
      connectionId: connection.id,
      taskId: task.id,
      intervalHours: (task.intervalSeconds ?? 0) / 3600,
      maxRetries: task.maxRetries,
      retryDelaySeconds: task.retryDelaySeconds,
      nextRun: task.nextRun,
    };
  }

  /** Disconnects the connection, deletes its task and (best effort) its requisition. */
  async disconnect(connectionId: number, userId: number): Promise<void> {
    const connection = await this.owned(connectionId, userId);
    await this.connections.disconnect(connection.id, userId);
    await this.schedule.removeTask(connection.id);
    await this.api.client?.deleteRequisition(connection.externalId).catch(() => undefined);
  }

  private async owned(connectionId: number, userId: number): Promise<BankConnectionEntity> {
    const connection = await this.connections.findWithUser(connectionId);
    if (!connection || connection.userId !== userId || connection.status === 'disconnected') {
      throw new NotFoundException(`connection ${connectionId} not found`);
    }
    if (connection.provider !== 'gocardless') {
      throw new BadRequestException(
        `connection ${connectionId} is a ${connection.provider} connection; only GoCardless connections have a schedule of their own`,
      );
    }
    return connection;
  }

  private async limitOf(connectionId: number): Promise<number> {
    const books = (await this.budgets.books([connectionId])).get(connectionId) ?? [];
    const limits = books.flatMap((book) => {
      const limit = book.budgets.get('transactions')?.callLimit;
      return limit ? [limit] : [];
    });
    return limits.length > 0 ? Math.min(...limits) : this.defaultLimit;
  }

  private async sustainableHours(connectionId: number): Promise<number> {
    return smallestSustainableIntervalHours(await this.limitOf(connectionId));
  }
}

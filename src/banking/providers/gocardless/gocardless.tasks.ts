import { Injectable } from '@nestjs/common';
import { Cron, Interval } from '@nestjs/schedule';
import { TaskResult } from '../../../core/scheduling/declaration/task-handler';
import { TaskOptions } from '../../../core/scheduling/declaration/task-options.decorator';
import type { AppConfig } from '../../../config/app-config';
import type { TaskRun } from '../../../core/scheduling/task-run';
import { parseIdText } from '../../../core/validation/id';
import { BANK_CONNECTION_TASK_SOURCE } from '../../sync/bank-connection-task-source';
import { BankSyncService } from '../../sync/bank-sync.service';
import { GoCardlessHealthService } from './connect/gocardless-health.service';
import { goCardlessConfig } from './gocardless.config';
import { GoCardlessBankSyncProvider } from './gocardless.provider';
import {
  GOCARDLESS_SYNC_TASK_TYPE,
  GoCardlessSchedule,
} from './schedule/gocardless-schedule.service';

export const GOCARDLESS_HEALTH_TASK_KEY = 'gocardless.health-check';
export const GOCARDLESS_TOKEN_TASK_KEY = 'gocardless.refresh-token';
const HOUR_MS = 3_600_000;
const missingSecrets = (config: AppConfig): string[] =>
  config.get(goCardlessConfig).secrets ? [] : ['GOCARDLESS_SECRET_ID', 'GOCARDLESS_SECRET_KEY'];

@Injectable()
export class GoCardlessTasks {
  constructor(
    private readonly bankSync: BankSyncService,
    private readonly gocardless: GoCardlessBankSyncProvider,
    private readonly schedule: GoCardlessSchedule,
    private readonly health: GoCardlessHealthService,
  ) {}

  /**
   * One connection's sync (`source_id` = its id). A temporary failure (5xx, network) throws, so the
   * task's retry policy (3 × 300 s, exponential) tries again; a spent budget, a rate limit or a
   * consent that needs the user are outcomes, not failures. A connection that is gone or
   * disconnected takes its task with it.
   */
  @TaskOptions({
    key: GOCARDLESS_SYNC_TASK_TYPE,
    description:
      'Reads the accounts of one GoCardless connection (source_id) within their per-account daily budgets. Created when a requisition links; GOCARDLESS_SYNC_ENABLED switches it off.',
    sync: true,
    source: BANK_CONNECTION_TASK_SOURCE,
  })
  async syncConnection(run: TaskRun): Promise<TaskResult> {
    const connectionId = parseIdText(run.sourceId);
    if (connectionId === null) {
      return { status: 'failed', message: `source_id ${run.sourceId} is not a connection id` };
    }
    const unavailable = this.gocardless.unavailableReason;
    if (unavailable) return { status: 'skipped', message: unavailable };
    if (!this.gocardless.syncEnabled) {
      return { status: 'skipped', message: 'GOCARDLESS_SYNC_ENABLED is false' };
    }
    const result = await this.bankSync.syncConnection(this.gocardless, connectionId, {
      requestedByPerson: run.trigger === 'manual',
      signal: run.signal,
      runId: run.runId,
    });
    if (
      result === 'no_connection' ||
      (result !== 'no_subscription' && result.reason === 'disconnected')
    ) {
      await this.schedule.removeTask(connectionId);
      return {
        status: 'skipped',
        message: `connection ${connectionId} is gone; its task is removed`,
      };
    }
    if (result === 'no_subscription') {
      return {
        status: 'skipped',
        message: `the user of connection ${connectionId} has no active subscription`,
      };
    }
    const stats = {
      outcome: result.outcome,
      reason: result.reason,
      accounts: result.accounts,
      ...result.transactions,
      retry_at: result.retryAt?.toISOString() ?? null,
    };
    if (
      result.outcome === 'skipped' &&
      result.reason === 'budget_spent' &&
      result.retryAt &&
      run.trigger !== 'manual' &&
      (await this.schedule.moveFire(run.taskId, run.scheduledFor, run.attempt + 1, result.retryAt))
    ) {
      return {
        status: 'skipped',
        message: `GoCardless connection ${connectionId}: budget spent; this sync moves to ${result.retryAt.toISOString()}`,
        stats,
      };
    }
    if (result.outcome === 'failed' && result.reason === 'temporary') {
      throw new Error(
        `GoCardless connection ${connectionId}: ${result.detail ?? 'temporary failure'}`,
      );
    }
    const message = `GoCardless connection ${connectionId}: ${result.outcome}${result.reason ? ` (${result.reason})` : ''}${result.detail ? `: ${result.detail}` : ''}`;
    return {
      status:
        result.outcome === 'failed'
          ? 'failed'
          : result.outcome === 'skipped'
            ? 'skipped'
            : 'completed',
      message,
      stats,
    };
  }

  @Cron('0 30 5 * * *', { name: GOCARDLESS_HEALTH_TASK_KEY })
  @TaskOptions({
    name: 'Check GoCardless consents',
    missingSettings: missingSecrets,
    description:
      'Requisition and agreement status of every live GoCardless connection: EX or expired → needs_reauth; ending within GOCARDLESS_CONSENT_WARNING_DAYS → consent.expiring event.',
    overlap: 'skip',
    misfire: { policy: 'run_once', graceSeconds: 6 * 3600 },
    retry: { maxRetries: 2, delaySeconds: 600 },
    timeoutSeconds: 3600,
  })
  async healthCheck(run: TaskRun): Promise<TaskResult> {
    const client = this.gocardless.client;
    if (!client) return { status: 'skipped', message: this.gocardless.unavailableReason ?? '' };
    const stats = await this.health.checkAll(client, run);
    return {
      status: 'completed',
      message: `GoCardless consent check: ${stats.checked} checked, ${stats.healthy} healthy, ${stats.expiring} expiring, ${stats.needs_reauth} need the user, ${stats.failed} failed`,
      stats: { ...stats },
    };
  }

  @Interval(GOCARDLESS_TOKEN_TASK_KEY, HOUR_MS)
  @TaskOptions({
    name: 'Renew the GoCardless token pair',
    missingSettings: missingSecrets,
    description:
      'Renews the app-level access token (refresh token first, a new pair when that is gone) when it expires within two hours; the pair is shared by every instance.',
    overlap: 'skip',
    misfire: { policy: 'run_once', graceSeconds: 1800 },
    retry: { maxRetries: 3, delaySeconds: 300 },
    timeoutSeconds: 300,
  })
  async refreshToken(): Promise<TaskResult> {
    const client = this.gocardless.client;
    if (!client) return { status: 'skipped', message: this.gocardless.unavailableReason ?? '' };
    const expiresAt = await client.tokens.renewIfDue(2 * HOUR_MS);
    return {
      status: 'completed',
      message: `GoCardless access token valid until ${expiresAt.toISOString()}`,
    };
  }
}

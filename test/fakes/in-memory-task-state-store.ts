import { ScheduledTaskEntity } from '../../src/core/scheduling/entities/scheduled-task.entity';
import { RunTrigger, TaskStatus } from '../../src/core/scheduling/scheduling.types';
import { RunOutcome } from '../../src/core/scheduling/store/run-records';
import { NextRunClaim, TaskStateStore } from '../../src/core/scheduling/store/task-state.store';
import { copyOf, InMemorySchedulingTables, sameInstant } from './in-memory-scheduling-tables';

type Contract = Pick<TaskStateStore, keyof TaskStateStore>;

/**
 * TaskStateStore over InMemorySchedulingTables, with the same compare-and-set rules: a claim, a
 * retry claim, a release or a buffer only changes a row still holding the value the caller read.
 */
export class InMemoryTaskStateStore implements Contract {
  constructor(private readonly tables: InMemorySchedulingTables) {}

  asStore(): TaskStateStore {
    return this as unknown as TaskStateStore;
  }

  async earliestNextRun(): Promise<Date | null> {
    return this.earliest((task) => (task.origin === 'code' ? null : task.nextRun));
  }

  async earliestRetryAt(): Promise<Date | null> {
    return this.earliest((task) => task.retryAt);
  }

  private earliest(column: (task: ScheduledTaskEntity) => Date | null): Date | null {
    const times = this.tables
      .taskRows()
      .map(column)
      .filter((time): time is Date => time !== null)
      .map((time) => time.getTime());
    return times.length > 0 ? new Date(Math.min(...times)) : null;
  }

  async claimDueTasks<T extends NextRunClaim>(
    now: Date,
    limit: number,
    plan: (task: ScheduledTaskEntity) => T,
  ): Promise<T[]> {
    const due = this.tables
      .taskRows()
      .filter((task) => task.origin !== 'code' && task.nextRun !== null && task.nextRun <= now)
      .sort((a, b) => (a.nextRun as Date).getTime() - (b.nextRun as Date).getTime())
      .slice(0, limit)
      .map(copyOf);
    return this.claimNextRuns(due.map(plan), now);
  }

  async claimNextRuns<T extends NextRunClaim>(claims: T[], now: Date): Promise<T[]> {
    if (claims.length === 0) return [];
    let moved = 0;
    for (const claim of claims) {
      const row = this.tables.tasks.get(claim.task.id);
      if (!row || !sameInstant(row.nextRun, claim.task.nextRun)) continue;
      row.nextRun = claim.nextRun;
      if (claim.markRunning) row.status = 'running';
      row.updatedAt = now;
      moved += 1;
    }
    if (moved === claims.length) return claims;
    if (claims.length === 1) return [];
    return claims.filter((claim) =>
      sameInstant(this.tables.tasks.get(claim.task.id)?.nextRun, claim.nextRun),
    );
  }

  async releaseNextRun(taskId: string, fire: Date, claimedNextRun: Date | null): Promise<void> {
    const row = this.tables.tasks.get(taskId);
    if (row && sameInstant(row.nextRun, claimedNextRun)) row.nextRun = fire;
  }

  async findDueRetries(now: Date, limit: number): Promise<ScheduledTaskEntity[]> {
    return this.tables
      .taskRows()
      .filter((task) => task.retryAt !== null && task.retryAt <= now)
      .sort((a, b) => (a.retryAt as Date).getTime() - (b.retryAt as Date).getTime())
      .slice(0, limit)
      .map(copyOf);
  }

  async claimRetry(task: ScheduledTaskEntity): Promise<boolean> {
    const row = this.tables.tasks.get(task.id);
    if (!row || row.retryAt === null || !sameInstant(row.retryAt, task.retryAt)) return false;
    row.retryAt = null;
    row.retryScheduledFor = null;
    row.retryAttempt = null;
    return true;
  }

  async scheduleRetry(taskId: string, fire: Date, attempt: number, at: Date): Promise<boolean> {
    const row = this.tables.tasks.get(taskId);
    if (!row || row.retryAt !== null) return false;
    row.retryAt = new Date(at);
    row.retryScheduledFor = new Date(fire);
    row.retryAttempt = attempt;
    return true;
  }

  async recordTaskOutcomes(outcomes: RunOutcome[], now: Date): Promise<void> {
    for (const outcome of new Map(outcomes.map((item) => [item.taskId, item])).values()) {
      const row = this.tables.tasks.get(outcome.taskId);
      if (!row) continue;
      row.status = outcome.taskStatus;
      row.errorMessage = outcome.errorMessage;
      row.lastRun = new Date(outcome.lastRun);
      row.updatedAt = now;
    }
  }

  async recordTaskOutcome(
    taskId: string,
    outcome: { status: TaskStatus; lastRun?: Date; errorMessage: string | null },
  ): Promise<void> {
    const row = this.tables.tasks.get(taskId);
    if (!row) return;
    row.status = outcome.status;
    row.errorMessage = outcome.errorMessage;
    if (outcome.lastRun) row.lastRun = new Date(outcome.lastRun);
  }

  async bufferFire(taskId: string, fire: Date, trigger: RunTrigger): Promise<boolean> {
    const row = this.tables.tasks.get(taskId);
    if (!row || row.bufferedFor !== null) return false;
    row.bufferedFor = new Date(fire);
    row.bufferedTrigger = trigger;
    return true;
  }

  async takeBufferedFire(taskId: string): Promise<{ fire: Date; trigger: RunTrigger } | null> {
    const row = this.tables.tasks.get(taskId);
    if (!row?.bufferedFor) return null;
    const fire = row.bufferedFor;
    const trigger = row.bufferedTrigger ?? 'schedule';
    row.bufferedFor = null;
    row.bufferedTrigger = null;
    if (trigger !== 'manual' && (row.paused || !row.enabled)) return null;
    return { fire, trigger };
  }
}

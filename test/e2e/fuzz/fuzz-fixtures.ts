import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BankAccountEntity } from '../../../src/banking/accounts/bank-account.entity';
import { BankConnectionsService } from '../../../src/banking/connections/bank-connections.service';
import { TransactionEntity } from '../../../src/banking/transactions/transaction.entity';
import { ScheduledTaskEntity } from '../../../src/core/scheduling/entities/scheduled-task.entity';
import { TaskHandlerRegistry } from '../../../src/core/scheduling/task-handler-registry.service';
import { ScheduledTaskService } from '../../../src/scheduled-tasks/scheduled-task.service';
import { UserEntity } from '../../../src/users/user.entity';
import { Fixtures } from './fuzz-requests';

export const USER_ID = 2;

/**
 * Rows for fuzzed requests to find: users (the admin and the user the tokens name), a bank
 * connection with accounts and transactions, API tasks beside the code-declared ones, run history.
 */
export async function seedFixtures(app: INestApplication): Promise<Fixtures> {
  const dataSource = app.get(DataSource);
  const users = await dataSource.getRepository(UserEntity).save(
    [1, 2, 3, 4, 5].map((n) => ({
      email: `fuzz-${n}@example.com`,
      displayName: `Fuzz ${n}`,
      subscriptionPlan: n === USER_ID ? ('premium' as const) : ('free' as const),
    })),
  );
  const connection = await app.get(BankConnectionsService).create({
    userId: USER_ID,
    provider: 'tink',
    providerUserId: 'fuzz-user',
    externalId: 'fuzz-credential',
  });
  const accounts = await dataSource.getRepository(BankAccountEntity).save(
    ['checking', 'savings'].map((type, n) => ({
      connectionId: connection.id,
      externalId: `fuzz-account-${n}`,
      name: `Account ${n}`,
      iban: null,
      type: type as BankAccountEntity['type'],
      currency: 'EUR',
      balance: '100.0000',
      balanceAt: new Date(),
    })),
  );
  await dataSource.getRepository(TransactionEntity).insert(
    Array.from({ length: 60 }, (_, n) => ({
      accountId: accounts[n % 2].id,
      providerTxKey: `fuzz-tx-${n}`,
      providerReference: null,
      status: n % 10 === 0 ? ('pending' as const) : ('booked' as const),
      bookingDate: `2026-01-${String((n % 28) + 1).padStart(2, '0')}`,
      valueDate: null,
      amount: `-${n}.2500`,
      currency: 'EUR',
      description: `Transaction ${n}`,
      counterparty: null,
      category: null,
      raw: {},
      contentHash: `fuzz-${n}`,
    })),
  );
  const tasks = app.get(ScheduledTaskService);
  await tasks.create({
    taskType: 'tink.sync-connections',
    scheduleType: 'interval',
    intervalSeconds: 3600,
  });
  await tasks.create({
    taskType: 'scheduler.cleanup-logs',
    scheduleType: 'cron',
    cron: '0 4 * * *',
  });
  for (const task of await allTasks(dataSource)) {
    const run = await tasks.runNow(task.id).catch(() => null);
    if (run?.status === 'started') await run.done;
  }
  return {
    userIds: users.map((user) => user.id),
    taskIds: (await allTasks(dataSource)).map((task) => task.id),
    taskKeys: (await allTasks(dataSource)).flatMap((task) => (task.codeKey ? [task.codeKey] : [])),
    taskTypes: app.get(TaskHandlerRegistry).keys(),
  };
}

function allTasks(dataSource: DataSource): Promise<ScheduledTaskEntity[]> {
  return dataSource
    .getRepository(ScheduledTaskEntity)
    .find({ order: { origin: 'ASC', codeKey: 'ASC', taskType: 'ASC' } });
}

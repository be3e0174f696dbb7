import { ScheduledTaskEntity } from '../../../src/core/scheduling/entities/scheduled-task.entity';
import { TaskLogEntity } from '../../../src/core/scheduling/entities/task-log.entity';
import { describeSchedulingStoreContract } from '../../fakes/scheduling-store-contract';
import { startSchedulingKit, SchedulingKit } from '../../kits/scheduling-kit';

let kit: SchedulingKit;

beforeAll(async () => {
  kit = await startSchedulingKit();
});

afterAll(async () => {
  await kit?.close();
});

// The same cases as the in-memory fakes (src/core/scheduling/store/in-memory-stores.spec.ts).
describeSchedulingStoreContract(`the database stores`, () => ({
  settings: kit.settings,
  state: kit.state,
  ledger: kit.ledger,
  reset: async () => {
    await kit.runRows.createQueryBuilder().delete().from(TaskLogEntity).execute();
    await kit.taskRows.createQueryBuilder().delete().from(ScheduledTaskEntity).execute();
  },
  runsOfTask: (taskId) => kit.runRows.findBy({ taskId }),
}));

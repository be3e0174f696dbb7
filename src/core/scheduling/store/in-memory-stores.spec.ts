import { inMemorySchedulingStores } from '../../../../test/fakes/in-memory-scheduling-stores';
import { describeSchedulingStoreContract } from '../../../../test/fakes/scheduling-store-contract';

// The fakes the runner and dispatcher specs use must keep the contract the real stores keep
// (test/integration/scheduling/store-contract.spec.ts runs the same cases on MySQL and SQLite).
describeSchedulingStoreContract('in-memory stores', () => {
  const { tables, settings, state, ledger } = inMemorySchedulingStores();
  return {
    settings,
    state,
    ledger,
    reset: async () => {
      tables.tasks.clear();
      tables.runs.clear();
    },
    runsOfTask: async (taskId) => tables.runRows().filter((run) => run.taskId === taskId),
  };
});

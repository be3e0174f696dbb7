import { Clock } from '../../src/core/scheduling/clock';
import { InMemoryRunLedgerStore } from './in-memory-run-ledger-store';
import { InMemorySchedulingTables } from './in-memory-scheduling-tables';
import { InMemoryTaskSettingsStore } from './in-memory-task-settings-store';
import { InMemoryTaskStateStore } from './in-memory-task-state-store';

export interface InMemorySchedulingStores {
  tables: InMemorySchedulingTables;
  settings: InMemoryTaskSettingsStore;
  state: InMemoryTaskStateStore;
  ledger: InMemoryRunLedgerStore;
}

/** The three scheduling stores over one set of in-memory tables. */
export function inMemorySchedulingStores(clock?: Clock): InMemorySchedulingStores {
  const tables = new InMemorySchedulingTables(clock);
  return {
    tables,
    settings: new InMemoryTaskSettingsStore(tables),
    state: new InMemoryTaskStateStore(tables),
    ledger: new InMemoryRunLedgerStore(tables),
  };
}

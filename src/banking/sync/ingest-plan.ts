import type { ProviderTransactionStatus } from './bank-sync.types';
import type { PreparedTransaction } from './prepared-transaction';

/** What ingest needs of a stored row to diff against. */
export interface StoredTransactionRef {
  readonly id: number;
  readonly providerTxKey: string;
  readonly providerReference: string | null;
  readonly status: ProviderTransactionStatus;
  readonly contentHash: string;
}

export interface Rekey {
  /** The stored pending row. */
  readonly id: number;
  /** Its booked successor, which the provider issued under a new key. */
  readonly row: PreparedTransaction;
}

export interface IngestPlan {
  readonly inserts: PreparedTransaction[];
  /** Known key, changed content; a pending row booked under the same key is one of these. */
  readonly updates: PreparedTransaction[];
  readonly rekeys: Rekey[];
  /** Stored pending rows the provider no longer lists. */
  readonly removals: number[];
  readonly unchanged: number;
}

export function isEmptyPlan(plan: IngestPlan): boolean {
  return (
    plan.inserts.length + plan.updates.length + plan.rekeys.length + plan.removals.length === 0
  );
}

/**
 * The plan without the inserts of these keys (rows the archive holds already: inserting them would
 * bring an archived row back). Nothing else in a plan can touch an archived row, since the diff
 * only updates, re-keys or removes rows stored in `transactions`.
 */
export function withoutInserts(plan: IngestPlan, keys: ReadonlySet<string>): IngestPlan {
  if (keys.size === 0) return plan;
  const inserts = plan.inserts.filter((row) => !keys.has(row.providerTxKey));
  return { ...plan, inserts, unchanged: plan.unchanged + plan.inserts.length - inserts.length };
}

/**
 * Diffs the provider's rows for a window against the rows stored for the same window.
 * - same key: unchanged when the digest matches, else updated in place;
 * - a stored pending row that vanished while a booked row with the same bank reference appeared
 *   under a new key: the stored row is re-keyed and updated in place (its id survives);
 * - any other vanished pending row is removed; vanished booked rows are kept (banks do not unbook).
 * `alsoSeen`: keys the provider sent but that could not be stored; never treated as vanished.
 */
export function planIngest(
  stored: readonly StoredTransactionRef[],
  incoming: readonly PreparedTransaction[],
  alsoSeen: ReadonlySet<string> = new Set(),
): IngestPlan {
  const storedByKey = new Map(stored.map((row) => [row.providerTxKey, row]));
  const incomingKeys = new Set(incoming.map((row) => row.providerTxKey));
  const updates: PreparedTransaction[] = [];
  const fresh: PreparedTransaction[] = [];
  let unchanged = 0;
  for (const row of incoming) {
    const existing = storedByKey.get(row.providerTxKey);
    if (!existing) fresh.push(row);
    else if (existing.contentHash === row.contentHash) unchanged += 1;
    else updates.push(row);
  }

  const vanishedPending = stored.filter(
    (row) =>
      row.status === 'pending' &&
      !incomingKeys.has(row.providerTxKey) &&
      !alsoSeen.has(row.providerTxKey),
  );
  const pendingByReference = new Map<string, StoredTransactionRef>();
  for (const row of vanishedPending) {
    if (row.providerReference && !pendingByReference.has(row.providerReference)) {
      pendingByReference.set(row.providerReference, row);
    }
  }

  const inserts: PreparedTransaction[] = [];
  const rekeys: Rekey[] = [];
  const rekeyed = new Set<number>();
  for (const row of fresh) {
    const predecessor =
      row.status === 'booked' && row.providerReference
        ? pendingByReference.get(row.providerReference)
        : undefined;
    if (predecessor) {
      pendingByReference.delete(row.providerReference as string);
      rekeys.push({ id: predecessor.id, row });
      rekeyed.add(predecessor.id);
    } else {
      inserts.push(row);
    }
  }
  const removals = vanishedPending.filter((row) => !rekeyed.has(row.id)).map((row) => row.id);
  return { inserts, updates, rekeys, removals, unchanged };
}

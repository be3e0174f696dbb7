/** The neutral shapes moved to the banking port; re-exported here for existing imports. */
export type {
  ProviderAccount,
  ProviderAccountType,
  ProviderTransaction,
  ProviderTransactionStatus,
  RefreshOutcome,
} from '../../../sync/bank-sync.types';

import type { Provider, Type } from '@nestjs/common';
import type { BankSyncProvider } from './bank-sync-provider.port';

/**
 * The multi-provider token of bank adapters. Nest has no `multi: true`, so every provider module
 * provides its adapter under this token in its own module; `BankProviderRegistry` collects one per
 * module at boot. Add an adapter with `registerBankSyncProvider`, not by hand.
 */
export const BANK_SYNC_PROVIDERS: unique symbol = Symbol('BANK_SYNC_PROVIDERS');

/**
 * The providers a provider module lists to plug its adapter into the core: the adapter itself and
 * its entry under `BANK_SYNC_PROVIDERS`. One adapter per module (a module holds one value per token).
 *
 * @example providers: [AcmeApiClient, ...registerBankSyncProvider(AcmeBankSyncProvider), AcmeTasks]
 */
export function registerBankSyncProvider(adapter: Type<BankSyncProvider>): Provider[] {
  return [adapter, { provide: BANK_SYNC_PROVIDERS, useExisting: adapter }];
}

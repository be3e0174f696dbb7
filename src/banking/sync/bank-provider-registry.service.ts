import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { BankSyncProvider } from './bank-sync-provider.port';
import { BANK_SYNC_PROVIDERS } from './bank-sync-provider.registration';

/** Lower-case and at most 16 characters: the width of the `provider` columns. */
const PROVIDER_NAME = /^[a-z][a-z0-9-]{0,15}$/;

export class UnknownBankProviderError extends Error {
  constructor(readonly providerName: string) {
    super(`Unknown bank provider "${providerName}"`);
    this.name = 'UnknownBankProviderError';
  }
}

export class InvalidBankProviderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidBankProviderError';
  }
}

/** Every bank adapter the app runs, by name. Filled at boot from `BANK_SYNC_PROVIDERS`. */
@Injectable()
export class BankProviderRegistry implements OnModuleInit {
  private readonly providers = new Map<string, BankSyncProvider>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (wrapper.token === BANK_SYNC_PROVIDERS && wrapper.instance) {
        this.register(wrapper.instance as BankSyncProvider);
      }
    }
  }

  /** Throws when the name does not fit the columns or another adapter already has it. */
  register(provider: BankSyncProvider): void {
    if (!PROVIDER_NAME.test(provider.name)) {
      throw new InvalidBankProviderError(
        `Bank provider name "${provider.name}" (${adapterName(provider)}) must be lower-case letters, digits or dashes, at most 16 characters`,
      );
    }
    const registered = this.providers.get(provider.name);
    if (registered === provider) return;
    if (registered) {
      throw new InvalidBankProviderError(
        `Bank provider "${provider.name}" is registered twice (${adapterName(registered)} and ${adapterName(provider)})`,
      );
    }
    this.providers.set(provider.name, provider);
  }

  find(name: string): BankSyncProvider | undefined {
    return this.providers.get(name);
  }

  /** Throws `UnknownBankProviderError` for a name no adapter registered. */
  get(name: string): BankSyncProvider {
    const provider = this.providers.get(name);
    if (!provider) throw new UnknownBankProviderError(name);
    return provider;
  }

  /** In name order. */
  list(): BankSyncProvider[] {
    return [...this.providers.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

function adapterName(provider: BankSyncProvider): string {
  return provider.constructor.name;
}

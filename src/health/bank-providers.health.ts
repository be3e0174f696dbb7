import { Injectable } from '@nestjs/common';
import { BankProviderRegistry } from '../banking/sync/bank-provider-registry.service';
import type { BankSyncProvider, ProviderHealth } from '../banking/sync/bank-sync-provider.port';

/** /health is polled every few seconds; each provider is probed at most this often per instance. */
export const PROVIDER_HEALTH_CACHE_MS = 30_000;
/** Adapters bound their probe themselves; this only stops one whose own timeout does not work. */
const PROBE_GUARD_MS = 5_000;

interface CachedHealth {
  readonly until: number;
  readonly health: Promise<ProviderHealth>;
}

/**
 * Every registered bank provider's health, by provider name. Probes run concurrently, results are
 * cached briefly, and concurrent /health calls share one probe. Never throws.
 */
@Injectable()
export class BankProvidersHealthIndicator {
  private readonly cache = new Map<string, CachedHealth>();

  constructor(private readonly registry: BankProviderRegistry) {}

  async check(): Promise<Record<string, ProviderHealth>> {
    const providers = this.registry.list();
    const health = await Promise.all(providers.map((provider) => this.healthOf(provider)));
    return Object.fromEntries(providers.map((provider, index) => [provider.name, health[index]]));
  }

  private healthOf(provider: BankSyncProvider): Promise<ProviderHealth> {
    const now = Date.now();
    const cached = this.cache.get(provider.name);
    if (cached && cached.until > now) return cached.health;
    const health = probe(provider);
    this.cache.set(provider.name, { until: now + PROVIDER_HEALTH_CACHE_MS, health });
    return health;
  }
}

async function probe(provider: BankSyncProvider): Promise<ProviderHealth> {
  const deadline = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<ProviderHealth>((resolve) => {
    timer = setTimeout(() => {
      deadline.abort();
      resolve({ status: 'degraded', reason: `no answer within ${PROBE_GUARD_MS} ms` });
    }, PROBE_GUARD_MS);
  });
  try {
    return await Promise.race([provider.checkHealth({ signal: deadline.signal }), guard]);
  } catch {
    // Adapters must not throw here; the error's text could carry request details, so it stays out.
    return { status: 'degraded', reason: 'the health probe failed unexpectedly' };
  } finally {
    clearTimeout(timer);
  }
}

import type { BankProviderRegistry } from '../banking/sync/bank-provider-registry.service';
import type { BankSyncProvider, ProviderHealth } from '../banking/sync/bank-sync-provider.port';
import { BankProvidersHealthIndicator, PROVIDER_HEALTH_CACHE_MS } from './bank-providers.health';

function provider(name: string, checkHealth: () => Promise<ProviderHealth>): BankSyncProvider {
  return { name, checkHealth: jest.fn(checkHealth) } as unknown as BankSyncProvider;
}

function indicatorFor(...providers: BankSyncProvider[]): BankProvidersHealthIndicator {
  return new BankProvidersHealthIndicator({ list: () => providers } as BankProviderRegistry);
}

describe('BankProvidersHealthIndicator', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-03-01T12:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('reports every registered provider under its name', async () => {
    const indicator = indicatorFor(
      provider('acme', async () => ({ status: 'up' })),
      provider('globex', async () => ({ status: 'not_configured', reason: 'no key set' })),
    );
    expect(await indicator.check()).toEqual({
      acme: { status: 'up' },
      globex: { status: 'not_configured', reason: 'no key set' },
    });
  });

  it('asks a provider at most once per cache period, concurrent checks included', async () => {
    const acme = provider('acme', async () => ({ status: 'up' }));
    const indicator = indicatorFor(acme);
    await Promise.all([indicator.check(), indicator.check()]);
    jest.setSystemTime(Date.now() + PROVIDER_HEALTH_CACHE_MS - 1);
    await indicator.check();
    expect(acme.checkHealth).toHaveBeenCalledTimes(1);
    jest.setSystemTime(Date.now() + 1);
    await indicator.check();
    expect(acme.checkHealth).toHaveBeenCalledTimes(2);
  });

  it('reports an adapter that throws as degraded, without its error text', async () => {
    const indicator = indicatorFor(
      provider('acme', async () => {
        throw new Error('POST https://api.example.com/token client_secret=hunter2');
      }),
    );
    expect(await indicator.check()).toEqual({
      acme: { status: 'degraded', reason: 'the health probe failed unexpectedly' },
    });
  });

  it('reports an adapter that never answers as degraded after 5 s', async () => {
    const hanging = provider('acme', () => new Promise<ProviderHealth>(() => undefined));
    const check = indicatorFor(hanging).check();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(await check).toEqual({
      acme: { status: 'degraded', reason: 'no answer within 5000 ms' },
    });
  });
});

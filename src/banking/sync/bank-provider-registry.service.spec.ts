import { Injectable, Module, Type } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import {
  BankProviderRegistry,
  InvalidBankProviderError,
  UnknownBankProviderError,
} from './bank-provider-registry.service';
import type { BankSyncProvider } from './bank-sync-provider.port';
import { registerBankSyncProvider } from './bank-sync-provider.registration';

function fakeProvider(name: string): BankSyncProvider {
  return { name, label: name.toUpperCase() } as BankSyncProvider;
}

@Injectable()
class AcmeProvider {
  readonly name = 'acme';
}

@Injectable()
class GlobexProvider {
  readonly name = 'globex';
}

@Injectable()
class AcmeLookalikeProvider {
  readonly name = 'acme';
}

/** The fakes implement only what the registry reads. */
const asAdapter = (type: Type<unknown>): Type<BankSyncProvider> => type as Type<BankSyncProvider>;

@Module({ providers: [...registerBankSyncProvider(asAdapter(AcmeProvider))] })
class AcmeModule {}

@Module({ providers: [...registerBankSyncProvider(asAdapter(GlobexProvider))] })
class GlobexModule {}

@Module({ providers: [...registerBankSyncProvider(asAdapter(AcmeLookalikeProvider))] })
class AcmeLookalikeModule {}

@Module({
  imports: [DiscoveryModule],
  providers: [BankProviderRegistry],
  exports: [BankProviderRegistry],
})
class CoreModule {}

async function registryWith(...modules: (new () => unknown)[]): Promise<BankProviderRegistry> {
  const moduleRef = await Test.createTestingModule({ imports: [CoreModule, ...modules] }).compile();
  await moduleRef.init();
  return moduleRef.get(BankProviderRegistry);
}

describe('BankProviderRegistry', () => {
  const registry = (): BankProviderRegistry =>
    new BankProviderRegistry({ getProviders: () => [] } as unknown as DiscoveryService);

  it('finds registered providers by name and lists them in name order', () => {
    const subject = registry();
    const [zeta, acme] = [fakeProvider('zeta'), fakeProvider('acme')];
    subject.register(zeta);
    subject.register(acme);
    expect(subject.get('acme')).toBe(acme);
    expect(subject.find('zeta')).toBe(zeta);
    expect(subject.list()).toEqual([acme, zeta]);
  });

  it('answers an unknown name with undefined from find and an error naming it from get', () => {
    const subject = registry();
    subject.register(fakeProvider('acme'));
    expect(subject.find('globex')).toBeUndefined();
    expect(() => subject.get('globex')).toThrow(UnknownBankProviderError);
    expect(() => subject.get('globex')).toThrow('Unknown bank provider "globex"');
  });

  it('refuses a second adapter under a taken name, and names both', () => {
    const subject = registry();
    const first = new AcmeProvider() as unknown as BankSyncProvider;
    subject.register(first);
    subject.register(first);
    expect(() =>
      subject.register(new AcmeLookalikeProvider() as unknown as BankSyncProvider),
    ).toThrow('Bank provider "acme" is registered twice (AcmeProvider and AcmeLookalikeProvider)');
    expect(subject.get('acme')).toBe(first);
  });

  it.each(['', 'Acme', 'acme provider', 'a-name-longer-than-16', '1acme'])(
    'refuses the name %j (it must fit the 16-character provider columns)',
    (name) => {
      expect(() => registry().register(fakeProvider(name))).toThrow(InvalidBankProviderError);
    },
  );

  describe('filled from BANK_SYNC_PROVIDERS at boot', () => {
    it('holds every adapter a module registered with registerBankSyncProvider', async () => {
      const subject = await registryWith(AcmeModule, GlobexModule);
      expect(subject.list().map((provider) => provider.name)).toEqual(['acme', 'globex']);
      expect(subject.get('acme')).toBeInstanceOf(AcmeProvider);
    });

    it('is empty when no provider module is loaded', async () => {
      expect((await registryWith()).list()).toEqual([]);
    });

    it('fails the boot when two modules register adapters under one name', async () => {
      await expect(registryWith(AcmeModule, AcmeLookalikeModule)).rejects.toThrow(
        'Bank provider "acme" is registered twice (AcmeProvider and AcmeLookalikeProvider)',
      );
    });
  });
});

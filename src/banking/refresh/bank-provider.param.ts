import { Injectable, NotFoundException, Param, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { BankSyncProvider } from '../sync/bank-sync-provider.port';
import { BankProviderRegistry } from '../sync/bank-provider-registry.service';

/** A `{provider}` path segment → its registered adapter; 404 naming it when none is registered. */
@Injectable()
export class BankProviderPipe implements PipeTransform<string, BankSyncProvider> {
  constructor(private readonly registry: BankProviderRegistry) {}

  transform(name: string): BankSyncProvider {
    const provider = this.registry.find(name);
    if (provider) return provider;
    const known = this.registry.list().map((registered) => registered.name);
    throw new NotFoundException(
      `Unknown bank provider "${name}" (registered: ${known.join(', ') || 'none'})`,
    );
  }
}

export const BankProviderParam = (): ParameterDecorator => Param('provider', BankProviderPipe);

export const ApiBankProviderParam = (): MethodDecorator =>
  ApiParam({
    name: 'provider',
    type: String,
    example: 'tink',
    description: 'A registered bank provider; 404 for any other name',
  });

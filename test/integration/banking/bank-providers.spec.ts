import { DataSource } from 'typeorm';
import { BankConnectionEntity } from '../../../src/banking/connections/bank-connection.entity';
import { BankConnectionsService } from '../../../src/banking/connections/bank-connections.service';
import { BankProviderRegistry } from '../../../src/banking/sync/bank-provider-registry.service';
import { ConnectionSyncService } from '../../../src/banking/sync/connection-sync.service';
import { UserEntity } from '../../../src/users/user.entity';
import { startTestApp, type TestApp } from '../../utils/test-app';

describe('bank provider names from outside the code', () => {
  let app: TestApp;
  let dataSource: DataSource;
  let userId: number;

  beforeAll(async () => {
    app = await startTestApp({ SCHEDULER_ENABLED: 'false' });
    dataSource = app.app.get(DataSource);
    const user = await dataSource
      .getRepository(UserEntity)
      .save({ email: 'providers@example.com', displayName: 'Providers' });
    userId = user.id;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('registers tink and gocardless from their modules, configured or not', () => {
    const registry = app.app.get(BankProviderRegistry);
    expect(
      registry
        .list()
        .map((provider) => provider.name)
        .sort(),
    ).toEqual(['gocardless', 'tink']);
    expect(registry.get('tink').unavailableReason).toMatch(/TINK_CLIENT_ID/);
    expect(registry.get('gocardless').unavailableReason).toMatch(/GOCARDLESS_SECRET_ID/);
  });

  it('refuses to store a connection of a provider nobody registered', async () => {
    await expect(
      app.app.get(BankConnectionsService).create({
        userId,
        provider: 'powens',
        providerUserId: null,
        externalId: 'connection-1',
      }),
    ).rejects.toThrow('Unknown bank provider "powens"');
    expect(await dataSource.getRepository(BankConnectionEntity).count()).toBe(0);
  });

  it("never hands a connection row to another provider's adapter", async () => {
    const foreign = await dataSource.getRepository(BankConnectionEntity).save({
      userId,
      provider: 'gocardless',
      providerUserId: null,
      externalId: 'requisition-2',
    });
    const tink = app.app.get(BankProviderRegistry).get('tink');
    const result = await app.app
      .get(ConnectionSyncService)
      .sync(foreign, tink, { requestedByPerson: true, userPresent: true });
    expect(result).toMatchObject({
      outcome: 'failed',
      reason: 'error',
      detail: `connection ${foreign.id} belongs to provider "gocardless", not "tink"`,
    });
  });
});

import { FakeClock } from '../../../test/fakes/fake-clock';
import { AppConfig } from '../../config/app-config';
import { validateEnvironment } from '../../config/load-config';
import { ConnectionLeases, SyncLeaseLostError } from './connection-leases.service';
import type { ConnectionSyncRecorder } from './connection-sync-recorder.service';

const NOW = '2026-05-01T12:00:00.000Z';
const LEASE_MS = 20_000;
const RENEW_EVERY_MS = LEASE_MS / 4;

/** The lease columns of bank_connections, as ConnectionSyncRecorder reads and writes them. */
class LeaseTable {
  readonly rows = new Map<number, { owner: string; until: number }>();
  readonly renewals: { ids: number[]; owner: string; until: string }[] = [];

  constructor(private readonly clock: FakeClock) {}

  asRecorder(): ConnectionSyncRecorder {
    return {
      claim: async (id: number, owner: string, now: Date, leaseMs: number) => {
        const row = this.rows.get(id);
        if (row && row.until >= now.getTime()) return false;
        this.rows.set(id, { owner, until: now.getTime() + leaseMs });
        return true;
      },
      renew: async (ids: number[], owner: string, until: Date) => {
        this.renewals.push({ ids, owner, until: until.toISOString() });
        const lost = ids.filter((id) => this.rows.get(id)?.owner !== owner);
        for (const id of ids) if (!lost.includes(id)) this.rows.set(id, { owner, until: +until });
        return lost;
      },
      finish: async (id: number, owner: string) => {
        if (this.rows.get(id)?.owner !== owner) return false;
        this.rows.delete(id);
        return true;
      },
    } as unknown as ConnectionSyncRecorder;
  }

  /** Another instance took the connection over, or a lost run's leases were released. */
  takeAway(id: number): void {
    this.rows.set(id, { owner: 'someone-else', until: this.clock.now().getTime() + LEASE_MS });
  }
}

describe('ConnectionLeases', () => {
  let clock: FakeClock;
  let table: LeaseTable;
  let leases: ConnectionLeases;

  async function elapse(ms: number): Promise<void> {
    clock.advance(ms);
    await jest.advanceTimersByTimeAsync(ms);
  }

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date(NOW) });
    clock = new FakeClock(NOW);
    table = new LeaseTable(clock);
    const config = new AppConfig(
      validateEnvironment({
        BANK_SYNC_LEASE_SECONDS: String(LEASE_MS / 1000),
        SCHEDULER_INSTANCE_ID: 'instance-a',
      }),
    );
    leases = new ConnectionLeases(config, table.asRecorder(), clock);
  });

  afterEach(() => {
    leases.onModuleDestroy();
    jest.useRealTimers();
  });

  it('leases a connection in the name of its run, or of the sync alone outside a run', async () => {
    await leases.take(1, clock.now(), 'run-42');
    await leases.take(2, clock.now());
    expect(table.rows.get(1)).toEqual({ owner: 'run-42', until: Date.parse(NOW) + LEASE_MS });
    expect(table.rows.get(2)?.owner).toMatch(/^instance-a:[0-9a-f]{10}$/);
  });

  it('is refused while another sync holds the connection', async () => {
    table.takeAway(1);
    expect(await leases.take(1, clock.now(), 'run-42')).toBeNull();
  });

  it('renews the leases it holds, per owner, four times a lease, until their syncs finish', async () => {
    const first = await leases.take(1, clock.now(), 'run-42');
    await leases.take(2, clock.now(), 'run-42');
    await leases.take(3, clock.now(), 'run-7');

    await elapse(RENEW_EVERY_MS);
    const renewedAt = new Date(Date.parse(NOW) + RENEW_EVERY_MS + LEASE_MS).toISOString();
    expect(table.renewals).toEqual([
      { ids: [1, 2], owner: 'run-42', until: renewedAt },
      { ids: [3], owner: 'run-7', until: renewedAt },
    ]);

    expect(await first?.finish({})).toBe(true);
    table.renewals.length = 0;
    await elapse(RENEW_EVERY_MS);
    expect(table.renewals.map(({ ids }) => ids)).toEqual([[2], [3]]);

    // Three lease periods later, a sync that is still working still holds its connection.
    await elapse(3 * LEASE_MS);
    expect(table.rows.get(2)?.until).toBeGreaterThan(clock.now().getTime());
  });

  it('stops the sync whose lease turns out lost, and no other', async () => {
    const kept = await leases.take(1, clock.now(), 'run-42');
    const taken = await leases.take(2, clock.now(), 'run-42');
    table.takeAway(2);

    await elapse(RENEW_EVERY_MS);

    expect(taken?.lost.aborted).toBe(true);
    expect(taken?.lost.reason).toBeInstanceOf(SyncLeaseLostError);
    expect(kept?.lost.aborted).toBe(false);
    expect(await taken?.finish({})).toBe(false);
    table.renewals.length = 0;
    await elapse(RENEW_EVERY_MS);
    expect(table.renewals).toEqual([expect.objectContaining({ ids: [1] })]);
  });
});

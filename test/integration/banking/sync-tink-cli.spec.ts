import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BankingKit, FAST_SYNC_ENV, LinkedUser, startBankingKit } from '../../kits/banking-kit';

const ROOT = join(__dirname, '..', '..', '..');

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run sync:tink` against the kit's database and simulator, as an operator would run it. */
function syncTink(kit: BankingKit): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'sync:tink'], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...FAST_SYNC_ENV,
        NODE_ENV: 'test',
        DATABASE_URL: kit.db.url,
        TINK_API_URL: kit.sim.url,
        TINK_CLIENT_ID: kit.sim.clientId,
        TINK_CLIENT_SECRET: kit.sim.clientSecret,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run sync:tink', () => {
  let kit: BankingKit;
  let broken: LinkedUser;

  beforeAll(async () => {
    kit = await startBankingKit();
    await kit.linkUser();
    broken = await kit.linkUser();
    await kit.linkUser({ plan: 'free' });
  });

  afterAll(async () => {
    await kit?.close();
  });

  it("runs the job through the runner and prints the seed's layout; exit 1 on a failed sync", async () => {
    kit.sim.control.injectFault({
      route: 'accounts.list',
      credentialId: broken.credential.id,
      kind: 'status',
      status: 400,
      times: null,
    });
    const result = await syncTink(kit);
    expect(result.code).toBe(1);
    // Logs go to stderr (warnings and errors by default), like the seed's error line.
    expect(result.stderr).toContain(
      `Failed to sync connection ${broken.connection.id} for user ${broken.user.id}: tink tink.list-accounts: 400`,
    );
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '='.repeat(70),
      '  Tink Scheduler Test Script',
      '='.repeat(70),
    ]);
    expect(result.stdout).toMatch(/^Started at: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/m);
    for (const line of [
      '--- Environment Check ---',
      'SCHEDULER_ENABLED: False',
      'TINK_SYNC_INTERVAL_HOURS: 6',
      '--- Database Connections ---',
      'Total active Tink connections: 3',
      'Connections with premium subscription: 2/3',
      '--- Running Sync Job ---',
      '--- Results ---',
      'Total connections found: 3',
      'Eligible for sync: 2',
      'Skipped (no subscription): 1',
      'Successful syncs: 1 ✅',
      'Failed syncs: 1 ❌',
      '--- Summary ---',
      '❌ 1 sync(s) failed (run partial); see the reasons above.',
      '  Test Complete',
      // Not a terminal: progress as plain lines, then the final counts.
      'Items: 2 total, 1 succeeded, 1 failed, 0 skipped',
    ]) {
      expect(lines).toContain(line);
    }
    expect(result.stdout).toMatch(
      /^Progress: [0-2]\/2 items \(\d succeeded, \d failed, 0 skipped\)(; now: connection \d+)?$/m,
    );
    expect(result.stdout).not.toContain('\r');
    expect(result.stdout).toMatch(/^Duration: \d+\.\d\d seconds$/m);
    expect(result.stdout).toContain(
      `connection ${broken.connection.id} (user ${broken.user.id}): error:`,
    );

    kit.sim.control.clearFaults();
    const retried = await syncTink(kit);
    expect(retried.code).toBe(0);
    expect(retried.stdout).toContain('Successful syncs: 2 ✅');
    expect(retried.stdout).toContain('✅ All syncs completed successfully!');
  }, 90_000);

  it('does not call a run whose refreshes failed a success, and lists them', async () => {
    kit.sim.control.clearFaults();
    // Tink last refreshed it 7 h ago, so the run asks for a refresh, which keeps failing.
    broken.credential.updated = kit.sim.control.now() - 7 * 3_600_000;
    kit.sim.control.injectFault({
      route: 'credentials.refresh',
      credentialId: broken.credential.id,
      kind: 'status',
      status: 503,
      times: null,
    });
    const result = await syncTink(kit);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Successful syncs: 2 ✅');
    expect(result.stdout).not.toContain('✅ All syncs completed successfully!');
    expect(result.stdout).toContain('⚠️ Every sync read its data, but 1 without a fresh refresh');
    expect(result.stdout).toMatch(
      new RegExp(
        `connection ${broken.connection.id} \\(user ${broken.user.id}\\): requesting the refresh: .*503`,
      ),
    );
  }, 90_000);
});

import { GoCardlessAccountStateEntity } from './gocardless-account-state.entity';
import { judgeAccount, SUSPENSION_GUARD_FAILURES } from './account-gate';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const schedule = { intervalMs: 24 * 3_600_000, nextRun: null };
const settings = { defaultLimit: 4, balancesEvery: 2 };

const book = (state: Partial<GoCardlessAccountStateEntity>) => ({
  state: Object.assign(new GoCardlessAccountStateEntity(), {
    accountId: 'acc',
    status: 'READY',
    stoppedReason: null,
    circuitOpenUntil: null,
    consecutiveFailures: 0,
    detailsReadAt: null,
    transactionsReads: 0,
    ...state,
  }),
  budgets: new Map(),
});

describe('judgeAccount', () => {
  it('reads a healthy account with full budgets, details and balances included', () => {
    expect(judgeAccount(book({}), NOW, false, schedule, settings)).toEqual({
      read: true,
      plan: { transactions: true, balances: true, details: true, retryAt: null },
    });
  });

  it('leaves an account alone while its circuit is open, saying until when', () => {
    const until = new Date(NOW.getTime() + 60_000);
    expect(
      judgeAccount(
        book({ consecutiveFailures: 3, circuitOpenUntil: until }),
        NOW,
        true,
        schedule,
        settings,
      ),
    ).toMatchObject({ read: false, retryAt: until });
  });

  it('never reads a stopped account', () => {
    expect(
      judgeAccount(book({ stoppedReason: 'SUSPENDED' }), NOW, false, schedule, settings),
    ).toEqual({ read: false, reason: 'SUSPENDED', retryAt: null });
  });

  it('stops short of the bank’s suspension at 10 failures', () => {
    expect(SUSPENSION_GUARD_FAILURES).toBeLessThan(10);
  });
});

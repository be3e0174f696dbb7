import type { HealthCheckResult } from '@nestjs/terminus';
import { withBankProviders } from './health-report';

const healthy: HealthCheckResult = {
  status: 'ok',
  info: { database: { status: 'up' } },
  error: {},
  details: { database: { status: 'up' } },
};

describe('withBankProviders', () => {
  it('adds each provider under its name and keeps ok when none is degraded', () => {
    expect(
      withBankProviders(healthy, {
        acme: { status: 'up' },
        globex: { status: 'not_configured', reason: 'no key set' },
      }),
    ).toEqual({
      status: 'ok',
      info: {
        database: { status: 'up' },
        acme: { status: 'up' },
        globex: { status: 'not_configured', reason: 'no key set' },
      },
      error: {},
      details: {
        database: { status: 'up' },
        acme: { status: 'up' },
        globex: { status: 'not_configured', reason: 'no key set' },
      },
    });
  });

  it('turns ok into degraded (not error) when a provider is degraded', () => {
    const report = withBankProviders(healthy, {
      acme: { status: 'degraded', reason: 'token endpoint answers 503' },
    });
    expect(report.status).toBe('degraded');
    expect(report.details.acme).toEqual({
      status: 'degraded',
      reason: 'token endpoint answers 503',
    });
  });

  it('leaves an error (the database is down) an error', () => {
    const failing: HealthCheckResult = {
      status: 'error',
      info: {},
      error: { database: { status: 'down' } },
      details: { database: { status: 'down' } },
    };
    expect(withBankProviders(failing, { acme: { status: 'up' } }).status).toBe('error');
  });
});

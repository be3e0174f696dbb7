import type { HealthCheckResult, HealthCheckStatus } from '@nestjs/terminus';
import type { ProviderHealth } from '../banking/sync/bank-sync-provider.port';

interface HealthEntry {
  readonly status: string;
  readonly [detail: string]: unknown;
}

/** Terminus's result, plus bank providers whose status may also be `not_configured`. */
export interface HealthReport {
  status: HealthCheckStatus;
  info?: Partial<Record<string, HealthEntry>>;
  error?: Partial<Record<string, HealthEntry>>;
  details: Record<string, HealthEntry>;
}

/**
 * Adds each bank provider under its name. An aggregator never fails the check (the app serves its
 * stored data without it): a degraded one turns an `ok` result into `degraded`, still HTTP 200; a
 * provider that is not configured changes nothing.
 */
export function withBankProviders(
  result: HealthCheckResult,
  providers: Record<string, ProviderHealth>,
): HealthReport {
  const degraded = Object.values(providers).some((health) => health.status === 'degraded');
  return {
    ...result,
    status: result.status === 'ok' && degraded ? 'degraded' : result.status,
    info: { ...result.info, ...providers },
    details: { ...result.details, ...providers },
  };
}

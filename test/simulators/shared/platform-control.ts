import type { ChaosSwitches } from './chaos-switches';
import type { FakeClock } from './fake-clock';
import type { FaultLayer } from './fault-layer';
import type { MetricCatalog } from './metric-catalog';
import type { PlatformCounterSnapshot, PlatformHost } from './platform-host';
import type { TokenLedger } from './token-ledger';

export interface PlatformControlParts<Limits extends object, Settings extends object> {
  readonly host: PlatformHost;
  readonly layer: FaultLayer;
  readonly clock: FakeClock;
  readonly tokens: TokenLedger;
  /** Retiring a metric retires it in each of these. */
  readonly catalogs: readonly MetricCatalog[];
  readonly limits: Limits;
  readonly settings: Settings;
  /** API versions answered; absent on a platform without versions. */
  readonly activeVersions?: Set<string>;
}

/**
 * What tests control alike on every social platform simulator, in process; `/__control/...`
 * offers the same. Each platform's control extends it with its own knobs.
 */
export abstract class PlatformControl<
  Counters extends object,
  Limits extends object = object,
  Settings extends object = object,
> {
  constructor(protected readonly parts: PlatformControlParts<Limits, Settings>) {}

  /** Deterministic accounts, each with `postsPerAccount` posts. */
  abstract seed(options: { accounts: number; postsPerAccount: number }): unknown;

  /** One post of the account; unset fields are generated from the seed. */
  abstract addPost(accountId: string, input?: object): unknown;

  /** A snapshot: requests per route and status, the fault layer's and the platform's figures. */
  counters(): PlatformCounterSnapshot & Counters {
    return this.parts.host.counters() as PlatformCounterSnapshot & Counters;
  }

  resetCounters(): void {
    this.parts.host.resetCounters();
  }

  setLatency(ms: number): void {
    this.parts.host.setLatency(ms);
  }

  /**
   * The next `times` API calls (of the named route, or any) are answered `status` (500, 504…) with
   * the platform's error body, GETs included, before their route runs.
   */
  failNext(status: number, times = 1, route?: string): void {
    this.parts.host.failNext(status, times, route);
  }

  /** Replaces every chaos switch of the shared fault layer; `{}` turns them off. */
  setChaos(switches: ChaosSwitches): void {
    this.parts.layer.setChaos(switches);
  }

  advanceClock(ms: number): void {
    this.parts.clock.advance(ms);
  }

  setClock(epochMs: number): void {
    this.parts.clock.set(epochMs);
  }

  now(): number {
    return this.parts.clock.now();
  }

  /** Every access token of the account (or the one token) expires now. Returns how many. */
  expireTokens(subjectOrToken: string): number {
    return this.parts.tokens.expire(subjectOrToken);
  }

  /** Every access token of the account (or the one token) is revoked. Returns how many. */
  revokeTokens(subjectOrToken: string): number {
    return this.parts.tokens.revoke(subjectOrToken);
  }

  /** The platform retires the metric; it answers it the way the platform does. */
  retireMetric(name: string): void {
    for (const catalog of this.parts.catalogs) catalog.retire(name);
  }

  restoreMetric(name: string): void {
    for (const catalog of this.parts.catalogs) catalog.restore(name);
  }

  /** The API versions answered; any other gets the platform's inactive-version error. */
  setActiveVersions(versions: readonly string[]): void {
    const active = this.parts.activeVersions;
    if (!active) throw new Error('this platform has no API versions');
    active.clear();
    for (const version of versions) active.add(version);
  }

  setLimits(limits: Partial<Limits>): void {
    Object.assign(this.parts.limits, limits);
  }

  setSettings(settings: Partial<Settings>): void {
    Object.assign(this.parts.settings, settings);
  }
}

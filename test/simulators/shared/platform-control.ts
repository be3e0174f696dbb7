import type { ChaosSwitches } from './chaos-switches';
import type { FakeClock } from './fake-clock';
import type { FaultLayer } from './fault-layer';
import type { PlatformCounterSnapshot, PlatformHost } from './platform-host';

/**
 * What tests control alike on every platform simulator, in process; `/__control/...` offers the
 * same. Each platform's control extends it with its own knobs.
 */
export class PlatformControl<Counters extends object> {
  constructor(
    protected readonly host: PlatformHost,
    protected readonly layer: FaultLayer,
    protected readonly clock: FakeClock,
  ) {}

  /** A snapshot: requests per route and status, the fault layer's and the platform's figures. */
  counters(): PlatformCounterSnapshot & Counters {
    return this.host.counters() as PlatformCounterSnapshot & Counters;
  }

  resetCounters(): void {
    this.host.resetCounters();
  }

  setLatency(ms: number): void {
    this.host.setLatency(ms);
  }

  /** Replaces every chaos switch of the shared fault layer; `{}` turns them off. */
  setChaos(switches: ChaosSwitches): void {
    this.layer.setChaos(switches);
  }

  advanceClock(ms: number): void {
    this.clock.advance(ms);
  }

  setClock(epochMs: number): void {
    this.clock.set(epochMs);
  }

  now(): number {
    return this.clock.now();
  }
}

import type { ChaosSwitches } from './chaos-switches';

/** Options every social platform simulator takes; `limits` and `settings` are the platform's. */
export interface PlatformSimulatorOptions<
  Limits extends object = object,
  Settings extends object = object,
> {
  readonly limits?: Partial<Limits>;
  readonly settings?: Partial<Settings>;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Base of the simulator's clock (default `Date.now`); move it with `control.advanceClock`. */
  readonly now?: () => number;
  /** Seeds the generated data, tokens and the fault layer's dice. */
  readonly seed?: number;
  readonly chaos?: ChaosSwitches;
  readonly latencyMs?: number;
}

/** The handle every social platform simulator returns. */
export interface PlatformSimulator<Control> {
  /** `http://127.0.0.1:<port>`, the client's base URL. */
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly control: Control;
  stop(): Promise<void>;
}

import { Agent, request } from 'node:http';

export interface LoadOptions {
  port: number;
  path: string;
  headers: Record<string, string>;
  /** Keep-alive connections, each sending its next request as soon as the last answer is read. */
  connections: number;
  warmupMs: number;
  windowMs: number;
  /** Called when the measurement window opens and when it closes. */
  onWindow?: (event: 'open' | 'close') => void;
}

/** The answers of one measurement window. */
export interface LoadSample {
  windowMs: number;
  /** Of each answer in the window: from sending the request to its last byte. */
  latenciesMs: number[];
  /** Answers other than 200. */
  errors: number;
}

export interface LoadFigures {
  requests: number;
  requestsPerSecond: number;
  /** Answers other than 200 (counted in `requests` too). */
  errors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * A closed-loop load generator: `connections` keep-alive connections, each with one request in
 * flight, for a warm-up (not counted) and then the measurement window.
 */
export async function runLoad(options: LoadOptions): Promise<LoadSample> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latenciesMs: number[] = [];
  let errors = 0;
  const windowStart = Date.now() + options.warmupMs;
  const windowEnd = windowStart + options.windowMs;
  const loop = async (): Promise<void> => {
    while (Date.now() < windowEnd) {
      const sentAt = performance.now();
      const status = await get(agent, options);
      const at = Date.now();
      if (at < windowStart || at >= windowEnd) continue;
      latenciesMs.push(performance.now() - sentAt);
      if (status !== 200) errors++;
    }
  };
  let window: 'warm-up' | 'open' | 'closed' = 'warm-up';
  const open = (): void => {
    if (window !== 'warm-up') return;
    window = 'open';
    options.onWindow?.('open');
  };
  const close = (): void => {
    if (window !== 'open') return;
    window = 'closed';
    options.onWindow?.('close');
  };
  const opening = setTimeout(open, windowStart - Date.now());
  const closing = setTimeout(close, windowEnd - Date.now());
  try {
    await Promise.all(Array.from({ length: options.connections }, loop));
  } finally {
    clearTimeout(opening);
    clearTimeout(closing);
    close();
    agent.destroy();
  }
  return { windowMs: options.windowMs, latenciesMs, errors };
}

/** Several windows of one route taken together. */
export function loadFigures(samples: LoadSample[]): LoadFigures {
  const latencies = samples.flatMap((sample) => sample.latenciesMs).sort((a, b) => a - b);
  const seconds = samples.reduce((sum, sample) => sum + sample.windowMs, 0) / 1000;
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / seconds,
    errors: samples.reduce((sum, sample) => sum + sample.errors, 0),
    p50Ms: nearestRank(latencies, 0.5),
    p99Ms: nearestRank(latencies, 0.99),
    maxMs: latencies[latencies.length - 1] ?? 0,
  };
}

function get(agent: Agent, options: LoadOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: options.port,
        path: options.path,
        headers: options.headers,
        agent,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function nearestRank(sorted: number[], quantile: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
}

/**
 * Benchmark dispatcher: `npm run bench` runs every benchmark, `npm run bench -- <name> [...]` the
 * named ones. Benchmarks are not part of `npm test`.
 */
import 'reflect-metadata';

const BENCHMARKS: Record<string, () => Promise<void>> = {
  scheduler: async () => (await import('./scheduler.bench')).runSchedulerBenchmark(),
  'credit-portfolio': async () =>
    (await import('./credit-portfolio.bench')).runCreditPortfolioBenchmark(),
  sync: async () => (await import('./sync.bench')).runSyncBenchmark(),
  api: async () => (await import('./api.bench')).runApiBenchmark(),
  gocardless: async () => (await import('./gocardless.bench')).runGoCardlessBenchmark(),
};

const USAGE = `Usage: npm run bench [-- <name>...]

Runs the named benchmarks (default: all) against baselines measured in the same run; see
test/bench/README.md. Not part of npm test. Names: ${Object.keys(BENCHMARKS).join(', ')}.`;

async function main(names: string[]): Promise<void> {
  if (names.includes('--help') || names.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const unknown = names.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    console.error(
      `Unknown benchmark(s): ${unknown.join(', ')}. Available: ${Object.keys(BENCHMARKS).join(', ')}`,
    );
    process.exitCode = 2;
    return;
  }
  for (const name of names.length > 0 ? names : Object.keys(BENCHMARKS)) await BENCHMARKS[name]();
}

main(process.argv.slice(2))
  .then(() => process.exit())
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });

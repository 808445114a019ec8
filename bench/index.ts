// `npm run bench`: runs every benchmark in this registry and prints its figures and ratios against a floor
// measured in the same run. Benchmarks never fail a build; they report.
export interface BenchmarkResult {
  name: string;
  /** Lines of figures, already formatted. */
  lines: string[];
  /** True when the goal of the benchmark was met. */
  goalMet: boolean;
}

export type Benchmark = () => Promise<BenchmarkResult>;

const benchmarks: Record<string, () => Promise<{ run: Benchmark }>> = {
  startup: () => import('./startup.js'),
  'digest-fanout': () => import('./digest-fanout.js'),
  faults: () => import('./faults.js'),
  'slash-commands': () => import('./slash-commands.js'),
  alerts: () => import('./alerts.js'),
};

const only = process.argv.slice(2);
for (const [name, load] of Object.entries(benchmarks)) {
  if (only.length > 0 && !only.includes(name)) continue;
  const { run } = await load();
  const result = await run();
  process.stdout.write(`\n## ${result.name}\n${result.lines.map((l) => `  ${l}`).join('\n')}\n  goal ${result.goalMet ? 'met' : 'NOT met'}\n`);
}
process.exit(0);

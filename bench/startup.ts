// How fast the command line and the bot start, as a user runs them (`node bin/ote.js …`, what `npx ote` and
// `npm start` run), next to `node -e ""` (the floor: starting Node itself). Each short command runs three
// times (median time, highest peak RSS); `start` runs once on a fresh DATA_DIR and once on the same one
// again, timed from spawn to the first 200 from /readyz, with every role in one process (web, worker,
// console), on the embedded database.
import { freshDir, mb, ms, OTE, startService, timedNode, type TimedRun } from './support/processes.js';
import type { BenchmarkResult } from './index.js';

const RUNS = 3;
const GOALS = {
  help: { ms: 500 },
  say: { ms: 1500, mb: 250 },
  freshStart: { ms: 5000 },
  laterStart: { ms: 2000, mb: 250 },
};

async function repeated(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ ms: number; peakMb: number }> {
  const runs: TimedRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await timedNode(args, { LOG_LEVEL: 'warn', ...env });
    if (run.code !== 0) throw new Error(`${args.join(' ')} failed (${run.code}): ${run.stderr.slice(-1000)}`);
    runs.push(run);
  }
  const times = runs.map((r) => r.ms).sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, peakMb: Math.max(...runs.map((r) => r.peakMb)) };
}

async function startToReady(dataDir: string): Promise<{ ms: number; rssMb: number; peakMb: number }> {
  const bot = await startService({
    args: [OTE, 'start'],
    env: { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '', DATABASE_URL: '', REDIS_URL: '' },
    portPattern: /HTTP: poort (\d+)/, readyPath: '/readyz', timeoutMs: 180_000,
  });
  const memory = bot.memory();
  await bot.stop();
  return { ms: bot.readyMs, ...memory };
}

export async function run(): Promise<BenchmarkResult> {
  const floor = await repeated(['-e', '']);
  const help = await repeated([OTE, '--help']);
  const sayData = freshDir('ote-bench-say-');
  const startData = freshDir('ote-bench-start-');
  try {
    const sayFirst = await timedNode([OTE, 'say', '/ote help'], { DATA_DIR: sayData.path, LOG_LEVEL: 'warn', DATABASE_URL: '' });
    const say = await repeated([OTE, 'say', '/ote help'], { DATA_DIR: sayData.path, DATABASE_URL: '' });
    const fresh = await startToReady(startData.path);
    const later = await startToReady(startData.path);

    const vsFloor = (v: number) => `${(v / floor.ms).toFixed(1)}x floor`;
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    const results = {
      help: help.ms < GOALS.help.ms,
      say: say.ms < GOALS.say.ms && say.peakMb < GOALS.say.mb,
      fresh: fresh.ms < GOALS.freshStart.ms,
      later: later.ms < GOALS.laterStart.ms && later.rssMb < GOALS.laterStart.mb,
    };
    return {
      name: `start-up (median of ${RUNS} for short commands; embedded PGlite)`,
      lines: [
        `floor: node -e ""                        ${ms(floor.ms).padStart(9)}  peak ${mb(floor.peakMb)}`,
        `ote --help                               ${ms(help.ms).padStart(9)}  peak ${mb(help.peakMb)}  ${vsFloor(help.ms)}  goal < ${ms(GOALS.help.ms)}: ${verdict(results.help)}`,
        `ote say "/ote help", fresh DATA_DIR      ${ms(sayFirst.ms).padStart(9)}  peak ${mb(sayFirst.peakMb)}  ${vsFloor(sayFirst.ms)}`,
        `ote say "/ote help"                      ${ms(say.ms).padStart(9)}  peak ${mb(say.peakMb)}  ${vsFloor(say.ms)}  goal < ${ms(GOALS.say.ms)}, < ${GOALS.say.mb} MB: ${verdict(results.say)}`,
        `ote start to /readyz, fresh DATA_DIR     ${ms(fresh.ms).padStart(9)}  RSS ${mb(fresh.rssMb)} (peak ${mb(fresh.peakMb)})  goal < ${ms(GOALS.freshStart.ms)}: ${verdict(results.fresh)}`,
        `ote start to /readyz, later              ${ms(later.ms).padStart(9)}  RSS ${mb(later.rssMb)} (peak ${mb(later.peakMb)})  goal < ${ms(GOALS.laterStart.ms)}, < ${GOALS.laterStart.mb} MB: ${verdict(results.later)}`,
      ],
      goalMet: Object.values(results).every(Boolean),
    };
  } finally {
    sayData.remove();
    startData.remove();
  }
}

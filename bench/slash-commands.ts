// Varied signed slash commands at concurrency 20 against the bot as it runs (`ote start --role web` in its
// own process, Slack in HTTP mode against the local fake Slack), next to a process whose Bolt app only acks
// (the floor), with the same load generator in the same run. The mix is seeded and varied (every read
// command kind, random municipalities, periods and languages, nothing twice), so it measures the bot, not
// its reply cache. Scenarios: PGlite with the demo register (the default install), PostgreSQL with the demo
// register, PostgreSQL with a generated register of a million incidents (plus one `ote say "/ote stats
// 2025"` on it). BENCH_DB=pglite or BENCH_DB=postgres runs only those. After a warm-up each, the floor and
// the bot are measured in turns (ROUNDS each, on the same machine minute), and each side's percentiles are
// of all its REQUESTS together. While the bot's commands are measured, the register takes a write through
// the ingest API every WRITE_EVERY_MS (new incidents and corrections), so its counts move under the load.
// Goal: p99 under 100 ms and within 2x the floor's p99; on the big register also under 300 MB RSS; the web
// process on PostgreSQL under 200 MB RSS after the load; `say` on the big register under 1.5 s.
import { loadMunicipalities } from '../src/reference/municipalities.js';
import { openDatabase, openPostgres, type Db } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { TEST_DATABASE_URL } from '../test/support/db.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { createBigRegister, schemaUrl } from './support/big-register.js';
import { startIngestWriter } from './support/ingest-writer.js';
import { commandMix } from './support/command-mix.js';
import { BENCH_USER, loadFigures, sendSlashCommands, slowestByKind, type LoadFigures, type LoadRun } from './support/load.js';
import { freshDir, mb, ms, OTE, ROOT, startService, timedNode, type Service, type ThreadCpu } from './support/processes.js';
import type { BenchmarkResult } from './index.js';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

const CONCURRENCY = 20;
// Measured per side, so that each 99th percentile is the 60th-slowest reply: on a fast machine a turn of the
// floor lasts well under a second, and a p99 of only 20 replies rests on a few scheduler pauses.
const REQUESTS = 6_000;
const ROUNDS = 10;
// V8 compiles a varied mix's paths on threads of its own for thousands of commands, and on two cores those
// threads take CPU from the bot's main thread (measured here: 55-85 % of the main thread's CPU over the first
// 2.000 commands, 25-45 % up to 4.000, 10-25 % from about 6.000). A bot that has run for a while has that
// behind it. What they used is printed per WARMUP_STEP commands of the warm-up and for the measured part.
const WARMUP = Number(process.env.BENCH_WARMUP ?? 8_000);
if (!Number.isInteger(WARMUP) || WARMUP < 0) throw new Error(`BENCH_WARMUP must be a whole number of commands (0 or more), not ‘${process.env.BENCH_WARMUP}’`);
const WARMUP_STEP = 500;
const GOAL_P99_MS = 100;
const GOAL_RATIO = 2;
const GOAL_WEB_RSS_MB = 200;
const GOAL_BIG_RSS_MB = 300;
const GOAL_SAY_MS = 1500;
const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
const SEED = 20_250_101;
// As often as the ingest API lets one partner write by default (120 a minute).
const WRITE_EVERY_MS = 500;

interface Register {
  label: string;
  env: NodeJS.ProcessEnv;
  years: number[];
  references: string[];
  big: boolean;
  cleanup(): Promise<void>;
}

async function demoOnPglite(): Promise<Register> {
  const data = freshDir('ote-bench-pglite-');
  const env = { DATA_DIR: data.path };
  await cli(['demo', 'load'], env);
  // Read before the bot starts: PGlite is opened by one process at a time.
  const db = await openDatabase({ dataDir: data.path });
  const references = await sampleReferences(db);
  await db.close();
  return { label: 'PGlite, demo register', env, years: demoYears(), references, big: false, cleanup: async () => data.remove() };
}

async function demoOnPostgres(): Promise<Register> {
  const schema = `bench_demo_${randomBytes(5).toString('hex')}`;
  const db = await openPostgres(TEST_DATABASE_URL, schema);
  await migrate(db);
  const env = { DATABASE_URL: schemaUrl(TEST_DATABASE_URL, schema) };
  await cli(['demo', 'load'], env);
  const references = await sampleReferences(db);
  return {
    label: 'PostgreSQL, demo register', env, years: demoYears(), references, big: false,
    cleanup: async () => {
      await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    },
  };
}

async function bigOnPostgres(): Promise<Register> {
  const big = await createBigRegister(TEST_DATABASE_URL);
  return {
    label: `PostgreSQL, 1.000.000 incidents 2022-2025 (generated in ${ms(big.buildMs)})`,
    env: { DATABASE_URL: big.databaseUrl }, years: [2022, 2023, 2024, 2025], references: big.references, big: true,
    cleanup: () => big.drop(),
  };
}

async function sampleReferences(db: Db): Promise<string[]> {
  return (await db.query<{ reference: string }>('SELECT reference FROM incidents ORDER BY md5(reference) LIMIT 500')).map((r) => r.reference);
}

function demoYears(): number[] {
  const now = new Date().getFullYear();
  return Array.from({ length: now - 2023 + 1 }, (_, i) => 2023 + i);
}

async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const run = await timedNode([OTE, ...args], { LOG_LEVEL: 'warn', ...env });
  if (run.code !== 0) throw new Error(`ote ${args.join(' ')} failed (${run.code}): ${run.stderr.slice(-1000)}`);
  return run.stdout;
}

interface ScenarioFigures {
  floor: LoadFigures;
  bot: LoadFigures;
  writes: { written: number; failed: number };
  rssMb: number;
  peakMb: number;
  /** CPU of the bot's other threads in % of its main thread's: per warm-up step, and while measured. */
  otherThreads: { warmup: number[]; measured: number };
  /** How many command kinds the measured texts hold. */
  measuredKinds: number;
  /** Main-thread CPU per measured command, from /proc (10 ms ticks over the whole measured load). */
  mainMsPerCommand: { bot: number; floor: number };
  /** Of the bot's slowest 1 % of replies, how many each kind had; and each kind's share of the measured texts. */
  slowest: [string, number][];
  kindShares: Map<string, number>;
}

async function scenario(register: Register, slack: { apiUrl: string; token: string }): Promise<ScenarioFigures> {
  const slackEnv = { SLACK_BOT_TOKEN: slack.token, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl };
  const municipalities = loadMunicipalities().map((m) => m.name);
  // The measured texts are drawn first, so that they hold every kind: a warm-up drawn first would use up the
  // few texts of `help`, `doel`, `fieldlab`, `maatregelen` and `abonnementen`. The warm-up's are drawn after,
  // none the same as a measured one.
  const mix = { municipalities, references: register.references, years: register.years };
  const measured = commandMix({ ...mix, seed: SEED, count: REQUESTS });
  const texts = [...commandMix({ ...mix, seed: SEED + 1, count: WARMUP, avoid: new Set(measured) }), ...measured];
  const send = (service: Service, from: number, to: number, offset: number) =>
    sendSlashCommands(`http://127.0.0.1:${service.port}/slack/events`, SIGNING_SECRET, texts.slice(from, to), CONCURRENCY, offset);
  // The register takes writes while the bot is measured, never while the floor is.
  const writing = async <T>(seed: number, work: () => Promise<T>): Promise<{ result: T; writes: { written: number; failed: number } }> => {
    const writer = startIngestWriter(`http://127.0.0.1:${bot.port}`, token, municipalities, WRITE_EVERY_MS, seed);
    const result = await work();
    return { result, writes: await writer.stop() };
  };

  const floorProcess = await startService({
    args: ['--import', 'tsx', join(ROOT, 'bench/support/bare-ack.ts')], env: slackEnv, portPattern: /port (\d+)/,
  });
  const token = (await cli(['token', 'create', 'Benchmark'], register.env)).trim();
  const bot = await startService({
    args: [OTE, 'start', '--role', 'web'],
    env: { ...register.env, ...slackEnv, SLACK_ADMIN_USER_IDS: BENCH_USER, PORT: '0', LOG_LEVEL: 'warn', API_RATE_PER_MINUTE: '60000', API_RATE_CAPACITY: '1000' },
    portPattern: /HTTP: poort (\d+)/, readyPath: '/readyz', timeoutMs: 180_000,
  }).catch(async (error: unknown) => {
    await floorProcess.stop();
    throw error;
  });
  try {
    // Both warmed up first, the bot as a bot that has run for a while is: its first writes, its first queries
    // and V8's compiling of its code behind it.
    await send(floorProcess, 0, WARMUP, 0);
    const warmupShares: number[] = [];
    const warmup = await writing(SEED, async () => {
      for (let from = 0; from < WARMUP; from += WARMUP_STEP) {
        const before = bot.threadCpu();
        await send(bot, from, Math.min(WARMUP, from + WARMUP_STEP), 2_000_000 + from);
        warmupShares.push(otherShare(before, bot.threadCpu()));
      }
    });
    const measuredCpu: ThreadCpu = { mainMs: 0, otherMs: 0 };
    let floorMainMs = 0;
    // Then measured in turns, so that both see the machine as it is at that moment (its speed drifts by a
    // third over a minute here); each turn opens connections of its own, as the warm-up did.
    const floorRuns: LoadRun[] = [];
    const botRuns: LoadRun[] = [];
    const writes = { written: 0, failed: warmup.writes.failed };
    for (let round = 0; round < ROUNDS; round++) {
      const from = WARMUP + (round * REQUESTS) / ROUNDS;
      const to = from + REQUESTS / ROUNDS;
      const measureFloor = async () => {
        const before = floorProcess.threadCpu();
        floorRuns.push(await send(floorProcess, from, to, 1_000_000 + from));
        floorMainMs += floorProcess.threadCpu().mainMs - before.mainMs;
      };
      const measureBot = async () => {
        const before = bot.threadCpu();
        const turn = await writing(SEED + 1 + round, () => send(bot, from, to, 3_000_000 + from));
        const after = bot.threadCpu();
        measuredCpu.mainMs += after.mainMs - before.mainMs;
        measuredCpu.otherMs += after.otherMs - before.otherMs;
        botRuns.push(turn.result);
        writes.written += turn.writes.written;
        writes.failed += turn.writes.failed;
      };
      // Who goes first alternates, so a drift in one direction favours neither.
      for (const measure of round % 2 === 0 ? [measureFloor, measureBot] : [measureBot, measureFloor]) await measure();
    }
    const otherThreads = { warmup: warmupShares, measured: otherShare({ mainMs: 0, otherMs: 0 }, measuredCpu) };
    const kindOf = (text: string) => text.split(' ')[0] ?? '';
    const measuredKinds = new Set(measured.map(kindOf)).size;
    const kindShares = new Map<string, number>();
    for (const text of measured) kindShares.set(kindOf(text), (kindShares.get(kindOf(text)) ?? 0) + 1 / measured.length);
    const slowest = slowestByKind(botRuns, measured);
    const mainMsPerCommand = { bot: measuredCpu.mainMs / REQUESTS, floor: floorMainMs / REQUESTS };
    return { floor: loadFigures(floorRuns), bot: loadFigures(botRuns), writes, ...bot.memory(), otherThreads, measuredKinds, mainMsPerCommand, slowest, kindShares };
  } finally {
    await bot.stop();
    await floorProcess.stop();
  }
}

/** The CPU the other threads used between two readings, in % of what the main thread used. */
function otherShare(before: ThreadCpu, after: ThreadCpu): number {
  const main = after.mainMs - before.mainMs;
  return main > 0 ? (100 * (after.otherMs - before.otherMs)) / main : Number.NaN;
}

export async function run(): Promise<BenchmarkResult> {
  const wanted = process.env.BENCH_DB;
  const makers = [
    ...(wanted !== 'postgres' ? [demoOnPglite] : []),
    ...(wanted !== 'pglite' ? [demoOnPostgres, bigOnPostgres] : []),
  ];
  const slack = await startFakeSlack();
  const lines: string[] = [];
  let goalMet = true;
  const pct = (v: number) => `${v.toFixed(1)}/s`;
  const row = (name: string, f: LoadFigures) =>
    `${name.padEnd(8)} p50 ${ms(f.p50).padStart(9)}  p99 ${ms(f.p99).padStart(9)}  ${pct(f.throughput).padStart(8)}${f.failures ? `  ${f.failures} failed` : ''}`;
  try {
    for (const make of makers) {
      const register = await make();
      try {
        const f = await scenario(register, slack);
        const ratio = f.bot.p99 / f.floor.p99;
        const rssGoal = register.big ? GOAL_BIG_RSS_MB : register.env.DATABASE_URL ? GOAL_WEB_RSS_MB : Number.POSITIVE_INFINITY;
        const met = f.bot.failures === 0 && f.writes.failed === 0 && f.bot.p99 < GOAL_P99_MS && ratio <= GOAL_RATIO && f.rssMb < rssGoal;
        goalMet &&= met;
        lines.push(
          `${register.label}: ${REQUESTS} varied commands of ${f.measuredKinds} kinds each in ${ROUNDS} turns (after ${WARMUP} to warm up), concurrency ${CONCURRENCY}`,
          `  ${row('floor', f.floor)}`,
          `  ${row('bot', f.bot)}  ${ratio.toFixed(2)}x floor p99  RSS after load ${mb(f.rssMb)} (peak ${mb(f.peakMb)})`,
          `  the bot's other threads (V8's compiler and GC helpers) used, in % of its main thread's CPU: ${f.otherThreads.warmup.map((v) => v.toFixed(0)).join(' ')} per ${WARMUP_STEP} warm-up commands, ${f.otherThreads.measured.toFixed(0)} while measured`,
          `  main thread CPU per command: bot ${f.mainMsPerCommand.bot.toFixed(2)} ms, floor ${f.mainMsPerCommand.floor.toFixed(2)} ms`,
          `  the bot's slowest 1 % by kind (share of the mix): ${f.slowest.map(([kind, n]) => `${kind} ${n} (${((f.kindShares.get(kind) ?? 0) * 100).toFixed(0)} %)`).join(', ')}`,
          `  meanwhile ${f.writes.written} writes through the ingest API${f.writes.failed ? `, ${f.writes.failed} FAILED` : ''} (one every ${WRITE_EVERY_MS} ms while the bot was measured)`,
          `  goal p99 < ${GOAL_P99_MS} ms, <= ${GOAL_RATIO}x floor${Number.isFinite(rssGoal) ? `, RSS < ${rssGoal} MB` : ''}: ${met ? 'met' : 'NOT met'}`,
        );
        if (register.big) {
          const say = await timedNode([OTE, 'say', '/ote stats 2025'], { ...register.env, LOG_LEVEL: 'warn' });
          const sayMet = say.code === 0 && say.ms < GOAL_SAY_MS;
          goalMet &&= sayMet;
          lines.push(`  ote say "/ote stats 2025": ${ms(say.ms)}, peak ${mb(say.peakMb)}${say.code ? ` (exit ${say.code})` : ''}  goal < ${ms(GOAL_SAY_MS)}: ${sayMet ? 'met' : 'NOT met'}`);
        }
      } finally {
        await register.cleanup();
      }
    }
  } finally {
    await slack.close();
  }
  return { name: 'Slack slash commands, varied, against the running bot', lines, goalMet };
}

// Signed `/ote doel` and `/ote stats` at concurrency 20 against the Slack HTTP receiver (our server,
// the signature guard, Bolt's HTTPReceiver, the dispatcher, PGlite with a demo register), next to the
// same receiver whose handler only calls ack() (the floor), in the same run, over loopback.
// Goal: p99 under 100 ms and within 1.5x of the floor's p99.
import { Worker } from 'node:worker_threads';
import { App, webApi } from '@slack/bolt';
import { createHttpServer } from '../src/http/server.js';
import { silentLogger } from '../src/logger.js';
import { boltLogger } from '../src/platforms/slack/bolt-logger.js';
import { createSlackHttpReceiver } from '../src/platforms/slack/http-receiver.js';
import { signedHeaders } from '../src/platforms/slack/signing.js';
import { loadDemoRegister } from '../src/store/demo.js';
import { openTestDb } from '../test/support/db.js';
import { municipalities, SIGNING_SECRET, startSlackHarness } from '../test/platforms/slack/harness.js';
import type { BenchmarkResult } from './index.js';

const CONCURRENCY = 20;
const REQUESTS = 400;
const WARMUP = 40;
const GOAL_P99_MS = 100;
const GOAL_RATIO = 1.5;

interface Figures {
  p50: number;
  p99: number;
  failures: number;
}

/** The bare-ack floor: the same guarded HTTPReceiver and Bolt app, with a handler that only acks. */
async function startFloor(apiUrl: string, token: string): Promise<{ url: string; close: () => Promise<void> }> {
  const http = createHttpServer(0, silentLogger);
  const libraryLogger = boltLogger(silentLogger);
  const { receiver, handler } = createSlackHttpReceiver({ signingSecret: SIGNING_SECRET, logger: silentLogger, boltLogger: libraryLogger });
  const app = new App({
    token, botId: 'BFAKEBOT1', botUserId: 'UFAKEBOT1', receiver, logger: libraryLogger, tokenVerificationEnabled: false, convoStore: false,
    clientOptions: { slackApiUrl: apiUrl, logger: libraryLogger } satisfies webApi.WebClientOptions,
  });
  app.command('/ote', async ({ ack }) => ack());
  http.mount('/slack/', handler);
  const port = await http.listen();
  return { url: `http://127.0.0.1:${port}/slack/events`, close: () => http.close() };
}

function slashBody(text: string, i: number): string {
  return new URLSearchParams({
    command: '/ote', text, user_id: 'U0BENCH001', channel_id: 'C0BENCH001', team_id: 'TFAKE0001',
    // Unique per request, as Slack's are: the guard refuses a replayed signature.
    response_url: `http://127.0.0.1:9/response/${i}`, trigger_id: `${i}.bench`,
  }).toString();
}

/**
 * The load generator runs in a worker thread, so its own work and pauses never count as the server's.
 * It fires pre-signed requests with CONCURRENCY in flight over keep-alive connections.
 */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: workerData.concurrency });
const latencies = [];
let failures = 0;
let next = 0;
const one = (r) => new Promise((resolve) => {
  const started = performance.now();
  const req = http.request(workerData.url, { method: 'POST', agent, headers: r.headers }, (res) => {
    res.resume();
    res.on('end', () => { latencies.push(performance.now() - started); if (res.statusCode !== 200) failures++; resolve(); });
  });
  req.on('error', () => { failures++; resolve(); });
  req.end(r.body);
});
const worker = async () => { while (next < workerData.requests.length) await one(workerData.requests[next++]); };
Promise.all(Array.from({ length: workerData.concurrency }, worker)).then(() => {
  agent.destroy();
  parentPort.postMessage({ latencies, failures });
});
`;

async function measure(url: string, text: string, count: number, offset: number): Promise<Figures> {
  // Signed just before sending: well within the guard's five minutes, each with its own signature.
  const requests = Array.from({ length: count }, (_, i) => {
    const body = slashBody(text, offset + i);
    return { body, headers: signedHeaders(SIGNING_SECRET, body) };
  });
  const worker = new Worker(CLIENT, { eval: true, workerData: { url, requests, concurrency: CONCURRENCY } });
  const { latencies, failures } = await new Promise<{ latencies: number[]; failures: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { p50: at(0.5), p99: at(0.99), failures };
}

export async function run(): Promise<BenchmarkResult> {
  // PGlite as the default install runs; BENCH_DB=postgres compares with the real server at 127.0.0.1.
  const kind = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'pglite';
  const db = await openTestDb(kind);
  await loadDemoRegister(db, municipalities(), new Date());
  const slack = await startSlackHarness({ db });
  const floor = await startFloor(slack.fake.apiUrl, slack.fake.token);
  let offset = 0;
  const scenario = async (url: string, text: string) => {
    await measure(url, text, WARMUP, (offset += WARMUP));
    const figures = await measure(url, text, REQUESTS, (offset += REQUESTS));
    offset += REQUESTS;
    return figures;
  };
  try {
    const bare = await scenario(floor.url, 'doel');
    // `help` reads no figures: it shows what the adapter itself (guard, Bolt, roles, rendering) adds.
    const help = await scenario(slack.url, 'help');
    const doel = await scenario(slack.url, 'doel');
    const stats = await scenario(slack.url, 'stats');
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const line = (name: string, f: Figures) =>
      `${name.padEnd(22)} p50 ${ms(f.p50).padStart(9)}  p99 ${ms(f.p99).padStart(9)}${f === bare ? '' : `  (${(f.p99 / bare.p99).toFixed(2)}x floor)`}${f.failures ? `  ${f.failures} failed` : ''}`;
    const ok = (f: Figures) => f.failures === 0 && f.p99 < GOAL_P99_MS && f.p99 <= GOAL_RATIO * bare.p99;
    return {
      name: `Slack slash commands: ${REQUESTS} signed requests each at concurrency ${CONCURRENCY} (${kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}, demo register)`,
      lines: [line('floor: bare ack()', bare), line('/ote help (no figures)', help), line('/ote doel', doel), line('/ote stats', stats), `goal: p99 < ${GOAL_P99_MS} ms and <= ${GOAL_RATIO}x the floor's p99`],
      goalMet: ok(doel) && ok(stats) && bare.failures === 0,
    };
  } finally {
    await floor.close();
    await slack.close();
    await db.dispose();
  }
}

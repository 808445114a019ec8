// The load generator of the slash-command benchmark: signed Slack slash-command requests fired from a
// worker thread (its own work and pauses never count as the server's) with a fixed number in flight over
// keep-alive connections, and the percentiles of what came back.
import { Worker } from 'node:worker_threads';
import { signedHeaders } from '../../src/platforms/slack/signing.js';

export interface LoadFigures {
  p50: number;
  p99: number;
  /** Requests answered per second while they were being sent. */
  throughput: number;
  failures: number;
}

export const BENCH_USER = 'U0BENCH001';

export function slashBody(text: string, i: number): string {
  return new URLSearchParams({
    command: '/ote', text, user_id: BENCH_USER, channel_id: 'C0BENCH001', team_id: 'TFAKE0001',
    // Unique per request, as Slack's are: the guard refuses a replayed signature.
    response_url: `http://127.0.0.1:9/response/${i}`, trigger_id: `${i}.bench`,
  }).toString();
}

const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: workerData.concurrency });
const latencies = [];
let failures = 0;
let next = 0;
const one = (i) => new Promise((resolve) => {
  const r = workerData.requests[i];
  const started = performance.now();
  const req = http.request(workerData.url, { method: 'POST', agent, headers: r.headers }, (res) => {
    res.resume();
    res.on('end', () => { latencies[i] = performance.now() - started; if (res.statusCode !== 200) failures++; resolve(); });
  });
  req.on('error', () => { latencies[i] = performance.now() - started; failures++; resolve(); });
  req.end(r.body);
});
const worker = async () => { while (next < workerData.requests.length) await one(next++); };
const began = performance.now();
Promise.all(Array.from({ length: workerData.concurrency }, worker)).then(() => {
  const elapsed = performance.now() - began;
  agent.destroy();
  parentPort.postMessage({ latencies, failures, elapsed });
});
`;

/** What one burst of requests gave back: each request's time until its last byte, in ms. */
export interface LoadRun {
  /** In the order of the texts sent. */
  latencies: number[];
  failures: number;
  elapsedMs: number;
}

/** Sends one signed request per text, `concurrency` at a time, and measures each until its last byte. */
export async function sendSlashCommands(url: string, signingSecret: string, texts: readonly string[], concurrency: number, offset: number): Promise<LoadRun> {
  // Signed just before sending: well within the guard's five minutes, each with its own signature.
  const requests = texts.map((text, i) => {
    const body = slashBody(text, offset + i);
    return { body, headers: signedHeaders(signingSecret, body) };
  });
  const worker = new Worker(CLIENT, { eval: true, workerData: { url, requests, concurrency } });
  const { latencies, failures, elapsed } = await new Promise<{ latencies: number[]; failures: number; elapsed: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  return { latencies, failures, elapsedMs: elapsed };
}

/** The percentiles of every request of `runs` together, and the requests answered per second while they ran. */
export function loadFigures(runs: readonly LoadRun[]): LoadFigures {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const elapsedMs = runs.reduce((sum, r) => sum + r.elapsedMs, 0);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99), throughput: (latencies.length / elapsedMs) * 1000, failures: runs.reduce((sum, r) => sum + r.failures, 0) };
}

/**
 * How many of the slowest 1 % of the replies each kind of command (its first word) had, most first: which
 * commands make the 99th percentile. `texts[i]` is the text of the i-th latency of `runs` together.
 */
export function slowestByKind(runs: readonly LoadRun[], texts: readonly string[]): [string, number][] {
  const latencies = runs.flatMap((r) => r.latencies);
  const threshold = [...latencies].sort((a, b) => a - b)[Math.floor(0.99 * latencies.length)] ?? Number.POSITIVE_INFINITY;
  const counts = new Map<string, number>();
  latencies.forEach((ms, i) => {
    if (ms < threshold) return;
    const kind = texts[i]?.split(' ')[0] ?? '?';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  });
  return [...counts].sort((a, b) => b[1] - a[1]);
}

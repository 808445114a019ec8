// Alerts under load: 1.000 incidents stored over a minute (as the ingest API stores them, each followed by
// its nudge) into 50 alert channels, one per municipality, each with one police officer as its member
// (conversations.members), through the single-process queue, the real alert jobs and the real Slack poster,
// to a fake Slack that allows 1 message a second per channel and 50 a second in the workspace, and loses
// 2% of the post answers after storing them (each found by a history lookup, 50 a minute). Measured per
// incident: from the moment it was stored to the moment Slack stored its alert (the message's ts).
// Floor: the limits let 50 channels take 1.000 posts in 20 s, less than the minute they arrive in, so an
// alert need not wait for the limits at all; the floor of store-to-post is the nudge's wait for the next
// whole second (0,5 s on average, at most 1 s). Goal: p99 under 60 s, no alert twice, none lost.
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { webApi } from '@slack/bolt';
import { jobs } from '../jobs/index.js';
import { nudgeAlerts } from '../src/alerts/clock.js';
import { alertsPending } from '../src/alerts/settle.js';
import { createMunicipalityIndex } from '../src/domain/municipalities.js';
import { recordIncidents } from '../src/intake/record.js';
import { silentLogger } from '../src/logger.js';
import { boltLogger } from '../src/platforms/slack/bolt-logger.js';
import { withSlackMembers } from '../src/platforms/slack/members.js';
import { createSlackPoster, createSlackPostingClient } from '../src/platforms/slack/poster.js';
import { createSingleProcessDriver } from '../src/queue/single-process.js';
import { loadMunicipalities } from '../src/reference/municipalities.js';
import { subscribeAlerts } from '../src/store/alerts.js';
import { openPostgres } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { assignRole } from '../src/store/roles.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import type { BenchmarkResult } from './index.js';

const INCIDENTS = 1_000;
const CHANNELS = 50;
const INGEST_MS = 60_000;
const PER_CHANNEL_PER_SECOND = 1;
const WORKSPACE_PER_SECOND = 50;
const DROPPED = 0.02;
const GOAL_P99_MS = 60_000;
const DATABASE_URL = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NAME = `alerts: ${INCIDENTS} incidents over a minute into ${CHANNELS} alert channels on a rate-limited Slack that loses ${DROPPED * 100}% of answers`;

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function run(): Promise<BenchmarkResult> {
  const schema = `bench_alerts_${randomBytes(4).toString('hex')}`;
  const db = await openPostgres(DATABASE_URL, schema).catch(() => undefined);
  if (!db || !(await db.query('SELECT 1').then(() => true, () => false))) {
    await db?.close();
    return { name: NAME, lines: ['skipped: needs PostgreSQL (DATABASE_URL)'], goalMet: false };
  }
  const slack = await startFakeSlack();
  const driver = createSingleProcessDriver(jobs, { concurrency: 20 });
  try {
    await migrate(db);
    const municipalities = createMunicipalityIndex(loadMunicipalities());
    const codes = municipalities.all().slice(0, CHANNELS).map((m) => m.code);
    await assignRole(db, { platform: 'slack', kind: 'user', id: 'UPOLITIE1' }, 'politie', null, 'bench');
    for (let i = 0; i < CHANNELS; i++) {
      slack.channelMembers.set(`CALERT${i}`, ['UPOLITIE1']);
      await subscribeAlerts(db, { channel: `slack:CALERT${i}`, municipalityCode: codes[i]!, lang: 'nl', createdBy: 'bench' });
    }
    slack.setRateLimits({ perChannelPerSecond: PER_CHANNEL_PER_SECOND, workspacePerSecond: WORKSPACE_PER_SECOND, historyPerMinute: 50, retryAfterSeconds: 1 });
    slack.dropResponses('chat.postMessage', DROPPED);
    const poster = withSlackMembers(createSlackPoster(createSlackPostingClient(slack.token, { slackApiUrl: slack.apiUrl, logger: boltLogger(silentLogger) }, 5_000), { lang: 'nl', logger: silentLogger, timeoutMs: 5_000 }), {
      client: new webApi.WebClient(slack.token, { slackApiUrl: slack.apiUrl }),
      groupsWithRoles: async () => [],
    });
    const posters = { slack: poster };
    await driver.startWorker({
      db, municipalities, logger: silentLogger, posters, now: () => new Date(), enqueue: driver.enqueue, enqueueMany: driver.enqueueMany,
      buildDigest: async () => {
        throw new Error('no digests here');
      },
    });

    const storedAt = new Map<string, number>();
    const who = { actor: 'api:bench/token-1', role: null, platform: 'api' };
    const started = Date.now();
    for (let i = 0; i < INCIDENTS; i++) {
      const due = started + (i * INGEST_MS) / INCIDENTS;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      const reference = `BENCH-${i}`;
      await recordIncidents(db, [{
        reference, occurredAt: new Date(Date.now() - 3_600_000), municipalityCode: codes[i % CHANNELS]!, target: 'woning', outcome: 'explosie', means: 'vuurwerk',
        postcode4: String(1000 + (i % 400)),
      }], 'api', who);
      storedAt.set(reference, Date.now());
      nudgeAlerts(driver.enqueue);
    }
    const ingestEnded = Date.now();
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && (await alertsPending(db, posters))) await new Promise((resolve) => setTimeout(resolve, 250));
    const settled = Date.now();

    const byReference = new Map<string, number[]>();
    for (const message of slack.messages) {
      const id = String(message.metadata?.event_payload?.post_id ?? '');
      const reference = /^melding-\d+-(BENCH-\d+)$/.exec(id)?.[1];
      if (!reference) continue;
      byReference.set(reference, [...(byReference.get(reference) ?? []), Number(message.ts) * 1000]);
    }
    const latencies = [...storedAt.entries()].flatMap(([reference, at]) => (byReference.get(reference) ? [byReference.get(reference)![0]! - at] : [])).sort((a, b) => a - b);
    const duplicates = [...byReference.values()].filter((times) => times.length > 1).length;
    const lost = [...storedAt.keys()].filter((reference) => !byReference.has(reference)).length;
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const floorMs = 500;
    const throughputFloor = Math.max(INCIDENTS / WORKSPACE_PER_SECOND, INCIDENTS / CHANNELS / PER_CHANNEL_PER_SECOND);
    const met = p99 < GOAL_P99_MS && duplicates === 0 && lost === 0;
    return {
      name: NAME,
      lines: [
        `machine: ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}`,
        `ingested ${INCIDENTS} in ${seconds(ingestEnded - started)}; last alert out ${seconds(settled - ingestEnded)} after the last store`,
        `rate-limit floor: ${INCIDENTS} posts need ≥ ${throughputFloor.toFixed(0)} s at ${WORKSPACE_PER_SECOND}/s in the workspace and ${PER_CHANNEL_PER_SECOND}/s per channel, less than the ${seconds(INGEST_MS)} they arrive in: store-to-post floor ≈ ${seconds(floorMs)} (the nudge waits for the next whole second)`,
        `store → post: p50 ${seconds(p50)} (${(p50 / floorMs).toFixed(1)}x the floor), p99 ${seconds(p99)}, max ${seconds(latencies.at(-1) ?? NaN)} (goal p99 < ${seconds(GOAL_P99_MS)}: ${p99 < GOAL_P99_MS ? 'met' : 'NOT met'})`,
        `answers dropped by Slack: ${slack.dropped}; 429s: ${slack.rateLimited}; history lookups: ${slack.callsOf('conversations.history').length}`,
        `duplicates: ${duplicates} (goal 0), lost: ${lost} (goal 0)`,
      ],
      goalMet: met,
    };
  } finally {
    await driver.close();
    await slack.close();
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await db.close();
  }
}

// One worker process of the fan-out benchmark: the digest jobs on BullMQ, posting through the Slack poster
// to the benchmark's fake Slack, against the benchmark's PostgreSQL schema. Settings come from the
// environment the benchmark gives it; it says `ready` and stops cleanly on SIGTERM.
import { digestFanout } from '../../jobs/digest-fanout.js';
import { digestPost, evenPace } from '../../jobs/digest-post.js';
import { createMunicipalityIndex } from '../../src/domain/municipalities.js';
import { silentLogger } from '../../src/logger.js';
import { createSlackPoster, createSlackPostingClient } from '../../src/platforms/slack/poster.js';
import { boltLogger } from '../../src/platforms/slack/bolt-logger.js';
import { createBullmqDriver } from '../../src/queue/bullmq.js';
import { loadFormerMunicipalities, loadMunicipalities } from '../../src/reference/municipalities.js';
import { openPostgres } from '../../src/store/db.js';

const env = (name: string) => process.env[name] ?? (() => { throw new Error(`${name} missing`); })();
const rate = Number(env('BENCH_RATE'));
// Paced evenly at 97% of the workspace's rate, as production paces at its own rate (jobs/digest-post.ts).
const jobs = [digestFanout, { ...digestPost, rateLimit: evenPace(rate * 0.97) }];
const now = new Date(env('BENCH_NOW'));

const db = await openPostgres(env('BENCH_DATABASE_URL'));
const driver = createBullmqDriver(jobs, { url: env('BENCH_REDIS_URL'), prefix: env('BENCH_PREFIX'), concurrency: 10 });
const timeoutMs = Number(env('BENCH_TIMEOUT_MS'));
const client = createSlackPostingClient(env('BENCH_SLACK_TOKEN'), { slackApiUrl: env('BENCH_SLACK_API_URL'), logger: boltLogger(silentLogger) }, timeoutMs);
await driver.startWorker({
  db,
  municipalities: createMunicipalityIndex(loadMunicipalities(), loadFormerMunicipalities()),
  logger: silentLogger,
  posters: { slack: createSlackPoster(client, { lang: 'nl', logger: silentLogger, timeoutMs }) },
  buildDigest: async () => ({ title: 'Dagelijks overzicht', blocks: [{ kind: 'text', text: 'Geen incidenten gemeld.' }], visibility: 'channel' }),
  enqueue: driver.enqueue,
  enqueueMany: driver.enqueueMany,
  now: () => now,
});
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void driver.close().then(() => db.close());
});

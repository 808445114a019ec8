// Slack and Discord in one process: the real `ote start` (a child process, single-process queue) with both
// configured against the fake servers. Each library brings its own HTTP stack (Slack's socket mode a newer
// undici than discord.js's); neither may take over the other's. The clock's catch-up tick at start posts
// the day's digest to a Slack and a Discord channel, each with its PNG chart, and `/ote digest publiek`
// on Discord answers with its chart while the Slack part is loaded.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { REST } from 'discord.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMunicipalityIndex } from '../../src/domain/municipalities.js';
import { buildCommands } from '../../src/platforms/discord/definitions.js';
import { registerCommands } from '../../src/platforms/discord/register.js';
import { loadMunicipalities } from '../../src/reference/municipalities.js';
import { loadDemoRegister } from '../../src/store/demo.js';
import { openPostgres, type Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { subscribe } from '../../src/store/subscriptions.js';
import { TEST_DATABASE_URL } from '../support/db.js';
import { FakeDiscord } from '../support/fake-discord.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { PNG_SIGNATURE } from '../render/png.js';
import { waitFor } from '../queue/support.js';

const schema = `test_both_${randomBytes(4).toString('hex')}`;
const databaseUrl = `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
let db: Db;
let slack: FakeSlack;
let discord: FakeDiscord;
let child: ChildProcess | undefined;
let output = '';

const isPng = (bytes: Uint8Array) => bytes.length > 1000 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);

beforeAll(async () => {
  db = await openPostgres(TEST_DATABASE_URL, schema);
  await migrate(db);
  [slack, discord] = await Promise.all([startFakeSlack(), FakeDiscord.start({ heartbeatIntervalMs: 1000 })]);
  // Figures with a target, so the digest carries its chart; subscribed yesterday at 00:00, so today's is due.
  await loadDemoRegister(db, createMunicipalityIndex(loadMunicipalities()), new Date());
  for (const channel of ['slack:CBOTH1', `discord:${discord.guild.channels[0]!.id}`]) {
    await subscribe(db, { channel, postMinute: 0, municipalityCode: null, weekdays: [1, 2, 3, 4, 5, 6, 7], lang: 'nl', createdBy: 'test' });
  }
  await db.exec(`UPDATE subscriptions SET created_at = now() - interval '1 day', updated_at = now() - interval '1 day'`);
}, 60_000);

afterAll(async () => {
  child?.kill('SIGKILL');
  await Promise.all([slack?.close(), discord?.close()]);
  await db?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db?.close();
});

it('posts the digest with its PNG to Slack and to Discord from one `ote start`, and answers /ote digest publiek on Discord', async () => {
  const bin = fileURLToPath(new URL('../../bin/ote.js', import.meta.url));
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(DATABASE_URL|REDIS_URL|SLACK_|DISCORD_|PROGRAMME_)/.test(key)));
  child = spawn(process.execPath, [bin, 'start'], {
    env: {
      ...inherited,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      LOG_LEVEL: 'warn',
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: 'fake-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  await waitFor(() => output.includes('De bot draait.'), `ote start to be running:\n${output}`, 90_000);
  expect(output).toContain('Slack: HTTP-modus');
  expect(output).toContain('Discord: verbonden als ote-bot');

  // Posted, or failed at least once (a failed digest is retried with minutes of backoff: no need to wait).
  const posts = () => db.query<{ platform: string; status: string; error: string | null }>(`SELECT platform, status, error FROM digest_posts ORDER BY platform`);
  await waitFor(async () => {
    const rows = await posts();
    return rows.length === 2 && rows.every((r) => r.status === 'geplaatst' || r.error !== null);
  }, `both digests to be posted or to fail:\n${output}`, 60_000);
  expect(await posts(), output).toEqual([
    { platform: 'discord', status: 'geplaatst', error: null },
    { platform: 'slack', status: 'geplaatst', error: null },
  ]);

  // Slack: the message, then its chart uploaded into the same channel.
  expect(slack.messages.filter((m) => m.channel === 'CBOTH1')).toHaveLength(1);
  await waitFor(() => slack.files.some((f) => f.channel === 'CBOTH1'), 'the Slack chart upload');
  const slackChart = slack.files.find((f) => f.channel === 'CBOTH1')!;
  expect(slackChart.filename).toMatch(/\.png$/);
  expect(isPng(slackChart.data)).toBe(true);

  // Discord: one message with the chart attached (a multipart upload).
  const [discordDigest, ...more] = discord.channelMessages;
  expect(more).toHaveLength(0);
  expect(discordDigest!.files.map((f) => f.name)).toEqual([expect.stringMatching(/\.png$/)]);
  expect(isPng(discordDigest!.files[0]!.bytes)).toBe(true);

  // `/ote digest publiek` on Discord, with the Slack part loaded in the same process.
  await registerCommands({ rest: new REST({ api: discord.apiUrl }).setToken(discord.token), applicationId: discord.applicationId, guildId: discord.guild.id, commands: buildCommands() });
  const id = discord.sendCommand('digest', { publiek: true });
  await waitFor(() => discord.responses.some((r) => r.interactionId === id && r.files.length > 0), `the shared digest on Discord:\n${output}`, 30_000);
  const shared = discord.responses.find((r) => r.interactionId === id && r.files.length > 0)!;
  expect(shared.files.map((f) => f.name)).toEqual([expect.stringMatching(/\.png$/)]);
  expect(isPng(shared.files[0]!.bytes)).toBe(true);
  expect(output).not.toMatch(/action is not a function/);
}, 180_000);

it('loads a platform library only when that platform is configured', async () => {
  const script = fileURLToPath(new URL('./fixtures/loaded-libraries.ts', import.meta.url));
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(DATABASE_URL|REDIS_URL|SLACK_|DISCORD_|PROGRAMME_)/.test(key)));
  const loaded = async (platforms: Record<string, string>) => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
      env: { ...inherited, DATABASE_URL: databaseUrl, ...platforms },
      timeout: 60_000,
    });
    return JSON.parse(stdout.trim()) as { slack: boolean; discord: boolean };
  };
  expect(await loaded({})).toEqual({ slack: false, discord: false });
  expect(await loaded({ SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.apiUrl })).toEqual({ slack: true, discord: false });
  expect(await loaded({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl })).toEqual({ slack: false, discord: true });
}, 120_000);

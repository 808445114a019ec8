// Milestone reminders through BullMQ on the real Redis and the real PostgreSQL: the queue follows the
// database (one job per open milestone, moved and stopped ones removed), reminders carry their buttons,
// an unanswered one escalates once, and a worker killed with SIGKILL mid-run loses and doubles nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jobs } from '../../jobs/index.js';
import { defaultMilestones, milestoneDueAt, type MilestonePlan } from '../../src/domain/fieldlab.js';
import { handleCheckInAction } from '../../src/fieldlab/checkin.js';
import { reconcileReminders, END_JOB, ESCALATION_JOB, REMINDER_JOB } from '../../src/fieldlab/reconcile.js';
import { silentLogger } from '../../src/logger.js';
import type { Poster } from '../../src/platforms/poster.js';
import { createBullmqDriver } from '../../src/queue/bullmq.js';
import type { QueueDriver } from '../../src/queue/driver.js';
import type { Reply } from '../../src/render/reply.js';
import { recordCheckIn } from '../../src/store/checkins.js';
import { createIntervention, listInterventions, moveMilestone, updateIntervention } from '../../src/store/interventions.js';
import { openTestDb, TEST_DATABASE_URL, type TestDb } from '../support/db.js';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix, waitFor } from '../queue/support.js';

const prefix = uniquePrefix('fieldlab');
// The jobs' clock: Friday 18 April 2025, 14:00 in Amsterdam. BullMQ's delays run on the real clock.
const NOW = new Date('2025-04-18T12:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'ote-reminders-'));
let db: TestDb;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  db = await openTestDb('postgres');
});
beforeEach(async () => {
  await db.exec('DELETE FROM interventions');
});
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await db.dispose();
  await deletePrefix(prefix);
});

function queueParts() {
  const options = { url: TEST_REDIS_URL, prefix, queueName: `fl${randomBytes(4).toString('hex')}` };
  const driver: QueueDriver = createBullmqDriver(jobs, { ...options, concurrency: 5 });
  // For looking inside single jobs (their delay, promoting one): the driver keeps one BullMQ queue per job name.
  const queues = new Map<string, Queue>();
  const queue = (jobName: string) => {
    if (!queues.has(jobName)) {
      const q = new Queue(`${options.queueName}-${jobName}`, { connection: { url: TEST_REDIS_URL }, prefix });
      queues.set(jobName, q);
      closers.push(() => q.close());
    }
    return queues.get(jobName)!;
  };
  closers.push(() => driver.close());
  const pending = async () => (await driver.pending({ names: [REMINDER_JOB, ESCALATION_JOB] })).map((job) => job.id).sort();
  return { options, driver, queue, pending };
}

async function intervention(name: string, milestones: MilestonePlan[] = defaultMilestones(), startDate = '2025-03-24') {
  const id = await createIntervention(
    db,
    { name, description: '', owners: ['Politie'], channel: 'slack:C0TEAM0001', startDate, lengthDays: 100, status: 'actief', milestones },
    'test',
  );
  return (await listInterventions(db, [id]))[0]!;
}

describe('the reminder queue follows the database', () => {
  it('holds one delayed job per open milestone; a move, snooze, answer, orphan or stop changes exactly that', async () => {
    const { driver, queue, pending } = queueParts();
    const now = new Date('2025-03-01T12:00:00Z');
    const deps = { db, enqueue: driver.enqueue, queue: driver, now: () => now };
    const a = await intervention('Volgt A');
    const b = await intervention('Volgt B');
    const [m0, m30, m50] = a.milestones;

    await reconcileReminders(deps);
    let ids = await pending();
    // Five reminders each: day 100 is the end, whose decision prompt is an end job of its own.
    expect(ids).toHaveLength(10);
    const ends = async () => (await driver.pending({ names: [END_JOB] })).map((job) => job.id).sort();
    expect(await ends()).toEqual([`einde-${a.id}-20250702T0700Z`, `einde-${b.id}-20250702T0700Z`]);
    const id30 = `herinnering-${a.id}-${m30!.id}-20250423T0700Z`;
    expect(ids).toContain(id30);
    const job = (await queue(REMINDER_JOB).getJob(id30))!;
    expect(await job.getState()).toBe('delayed');
    expect(job.delay).toBe(milestoneDueAt(a.startDate, 30).getTime() - now.getTime());
    expect(await reconcileReminders(deps)).toEqual({ added: 0, removed: 0 });

    await moveMilestone(db, a.id, 30, 33); // 26 April, King's Day on a Saturday → Monday 28 April
    expect(await reconcileReminders(deps, a.id)).toEqual({ added: 1, removed: 1 });
    ids = await pending();
    expect(ids).not.toContain(id30);
    expect(ids).toContain(`herinnering-${a.id}-${m30!.id}-20250428T0700Z`);

    await recordCheckIn(db, { milestoneId: m0!.id, status: 'later', snoozedUntil: new Date('2025-03-31T07:00:00Z'), actor: 'slack:U1', at: now });
    await recordCheckIn(db, { milestoneId: m50!.id, status: 'gereed', actor: 'slack:U1', at: now });
    expect(await reconcileReminders(deps, a.id)).toEqual({ added: 1, removed: 2 });
    ids = await pending();
    expect(ids).toContain(`herinnering-${a.id}-${m0!.id}-20250331T0700Z`);
    expect(ids.filter((id) => id.startsWith(`herinnering-${a.id}-`))).toHaveLength(4);

    await driver.enqueue(REMINDER_JOB, { interventionId: 999, milestoneId: 999, remindAt: '2025-05-01T07:00:00.000Z' }, { jobId: 'herinnering-999-999-20250501T0700Z', delayMs: 86_400_000 });
    expect(await reconcileReminders(deps)).toEqual({ added: 0, removed: 1 });

    await updateIntervention(db, a.id, { status: 'gestopt' });
    await reconcileReminders(deps, a.id);
    ids = await pending();
    expect(ids).toHaveLength(5);
    expect(ids.every((id) => id.startsWith(`herinnering-${b.id}-`))).toBe(true);
    expect(await ends()).toEqual([`einde-${b.id}-20250702T0700Z`]);
  });
});

describe('reminders and escalations', () => {
  it('posts the reminder with its buttons to the team channel and escalates an unanswered one once', async () => {
    const { driver, queue, pending } = queueParts();
    const posts: { channelId: string; reply: Reply }[] = [];
    const poster: Poster = {
      platform: 'slack',
      async post(channelId, reply) {
        posts.push({ channelId, reply });
        return { messageId: `m${posts.length}` };
      },
    };
    await driver.startWorker({
      db,
      municipalities: undefined as never,
      logger: silentLogger,
      posters: { slack: poster },
      programmeChannel: 'slack:C0OFFICE01',
      buildDigest: async () => {
        throw new Error('no digest here');
      },
      enqueue: driver.enqueue,
      queue: driver,
      now: () => NOW,
    });
    const iv = await intervention('Knoppen', [
      { day: 0, kind: 'kickoff', title: null },
      { day: 3, kind: 'eigen', title: 'Eerste gesprekken' },
    ], '2025-04-14');
    const [kickoff, day3] = iv.milestones;
    await reconcileReminders({ db, enqueue: driver.enqueue, queue: driver, now: () => NOW });
    await waitFor(() => posts.length === 2, 'both overdue reminders posted');

    const reminder = posts.find((p) => p.reply.title === 'Mijlpaal: Kick-off')!;
    expect(reminder.channelId).toBe('C0TEAM0001');
    expect(reminder.reply.visibility).toBe('channel');
    const buttons = reminder.reply.blocks.flatMap((b) => (b.kind === 'buttons' ? b.buttons : []));
    expect(buttons.map((b) => [b.actionId, b.label, b.value])).toEqual([
      ['checkin:gereed', 'Gereed', String(kickoff!.id)],
      ['checkin:later-dag', 'Later: 1 dag', String(kickoff!.id)],
      ['checkin:later-week', 'Later: 1 week', String(kickoff!.id)],
      ['checkin:knelpunt', 'Knelpunt', String(kickoff!.id)],
    ]);
    await waitFor(async () => (await pending()).length === 2, 'an escalation planned for each posted reminder');
    expect((await pending()).every((id) => id.startsWith(`escalatie-${iv.id}-`))).toBe(true);

    await handleCheckInAction(
      { actionId: 'checkin:gereed', value: String(kickoff!.id), actor: { platform: 'slack', userId: 'U1', role: 'partner', assigned: true }, channel: iv.channel },
      { db, enqueue: driver.enqueue, now: NOW },
    );
    await waitFor(async () => (await pending()).length === 1, 'the answered milestone’s escalation removed');

    // Two working days pass: the remaining escalation is due now.
    const [escalationId] = await pending();
    await (await queue(ESCALATION_JOB).getJob(escalationId!))!.promote();
    await waitFor(() => posts.length === 3, 'the escalation posted');
    expect(posts[2]).toMatchObject({ channelId: 'C0OFFICE01', reply: { title: 'Mijlpaal zonder reactie' } });

    // Once per milestone; and a reminder for a moment the milestone no longer has posts nothing.
    const data = { interventionId: iv.id, milestoneId: day3!.id, remindAt: milestoneDueAt(iv.startDate, 3).toISOString() };
    await driver.enqueue(ESCALATION_JOB, data, { jobId: 'escalatie-nogmaals' });
    await driver.enqueue(REMINDER_JOB, { ...data, remindAt: '2025-04-01T07:00:00.000Z' }, { jobId: 'herinnering-oud' });
    await driver.enqueue(REMINDER_JOB, data, { jobId: 'herinnering-nogmaals' });
    for (const [name, id] of [[ESCALATION_JOB, 'escalatie-nogmaals'], [REMINDER_JOB, 'herinnering-oud'], [REMINDER_JOB, 'herinnering-nogmaals']] as const) {
      await waitFor(async () => (await queue(name).getJobState(id)) === 'completed', `${id} done`);
    }
    expect(posts).toHaveLength(3);
  });
});

describe('a worker killed with SIGKILL', () => {
  const worker = fileURLToPath(new URL('./support/reminder-worker.ts', import.meta.url));
  const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

  function startWorker(env: Record<string, string>): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', worker], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    closers.push(async () => void child.kill('SIGKILL'));
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve(child));
      child.on('exit', (code) => reject(new Error(`worker exited with ${code}: ${errors}`)));
    });
  }

  it('loses no reminder and posts none twice after a restart', { timeout: 240_000 }, async () => {
    const { options, driver, pending } = queueParts();
    // Ten interventions, each with a milestone on every day of the week of 14 April: all due by NOW.
    const milestones = Array.from({ length: 5 }, (_, i): MilestonePlan => ({ day: i, kind: 'eigen', title: `Stap ${i + 1}` }));
    const all: number[] = [];
    for (let i = 1; i <= 10; i++) all.push(...(await intervention(`Kill ${i}`, milestones, '2025-04-14')).milestones.map((m) => m.id));
    await reconcileReminders({ db, enqueue: driver.enqueue, queue: driver, now: () => NOW });
    expect(await pending()).toHaveLength(50);

    const [schema] = await db.query<{ schema: string }>('SELECT current_schema() AS schema');
    const postFile = join(dir, 'posts.txt');
    const hangFile = join(dir, 'hung.txt');
    const env = {
      FL_DATABASE_URL: TEST_DATABASE_URL,
      FL_SCHEMA: schema!.schema,
      FL_REDIS_URL: options.url,
      FL_PREFIX: options.prefix,
      FL_QUEUE: options.queueName,
      FL_POST_FILE: postFile,
      FL_HANG_FILE: hangFile,
      FL_NOW: NOW.toISOString(),
    };

    // The first worker posts 20, then hangs in five posts (its concurrency) and is killed in the middle.
    const first = await startWorker({ ...env, FL_HANG_AFTER: '20' });
    await waitFor(() => lines(postFile).length === 20 && lines(hangFile).length === 5, 'twenty posted and five in flight', 60_000);
    const exited = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    await exited;

    // After the restart, the waiting reminders go at once and the five in flight once their locks expire.
    const second = await startWorker(env);
    await waitFor(() => lines(postFile).length >= 50, 'fifty reminders posted', 180_000);
    await waitFor(async () => {
      const counts = await driver.counts();
      return counts.active === 0 && counts.waiting === 0;
    }, 'the queue drained');
    second.kill('SIGTERM');

    const posted = lines(postFile).map((line) => Number(line.split(' ')[1]));
    expect(posted).toHaveLength(50);
    expect(new Set(posted)).toEqual(new Set(all));
    // The five in flight were claimed by the killed worker and taken over by the new one: attempt 2.
    const log = await db.query<{ status: string; n: number; retried: number }>(
      `SELECT status, count(*)::int AS n, count(*) FILTER (WHERE attempts > 1)::int AS retried
       FROM milestone_posts WHERE kind = 'herinnering' AND milestone_id = ANY($1::bigint[]) GROUP BY status`,
      [all],
    );
    expect(log).toEqual([{ status: 'geplaatst', n: 50, retried: 5 }]);
  });
});

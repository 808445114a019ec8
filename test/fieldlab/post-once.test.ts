// A reminder and an escalation whose answers are lost: the first job attempt's post is stored by the fake
// Slack but its answer cut, and the lookup fails too, so the attempt fails without posting blind; the next
// attempt looks first, finds the post and records it. One message each, the post log `geplaatst`.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultMilestones, milestoneDueAt } from '../../src/domain/fieldlab.js';
import { milestonePostId, postOnce, type PostTarget } from '../../src/fieldlab/post-once.js';
import { LookupFailedError } from '../../src/platforms/deliver.js';
import { reply } from '../../src/render/reply.js';
import { createIntervention, listInterventions } from '../../src/store/interventions.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { attemptContext, impatientSlackPoster } from './support/lost-answers.js';

let db: TestDb;
let slack: FakeSlack;
beforeAll(async () => {
  [db, slack] = await Promise.all([openTestDb('pglite'), startFakeSlack()]);
});
afterAll(async () => {
  await Promise.all([db.dispose(), slack.close()]);
});

it.each(['herinnering', 'escalatie'] as const)('posts a %s once when its answer is lost and the lookup fails at first', async (kind) => {
  slack.reset();
  const name = `Proef ${kind}`;
  await createIntervention(
    db,
    { name, description: 'Proef', owners: ['Politie'], channel: 'slack:C0TEAM0001', startDate: '2025-03-24', lengthDays: 100, status: 'actief', milestones: defaultMilestones() },
    'test',
  );
  const milestone = (await listInterventions(db)).find((i) => i.name === name)!.milestones[0]!;
  const target: PostTarget = {
    key: { milestoneId: milestone.id, kind, remindAt: milestoneDueAt('2025-03-24', 0) },
    channel: kind === 'escalatie' ? 'slack:C0OFFICE01' : 'slack:C0TEAM0001',
    what: { intervention: name, milestone: milestone.title ?? '' },
  };
  const ctx = attemptContext(db, impatientSlackPoster(slack), `test-${kind}`);
  const build = () => reply(`Mijlpaal ${kind}`, [{ kind: 'text', text: 'check-in gevraagd' }]);

  slack.failNext('chat.postMessage', { drop: true });
  slack.failNext('conversations.history', { status: 503 }, 3);
  await expect(postOnce(ctx(1), target, build)).rejects.toBeInstanceOf(LookupFailedError);
  expect(await postOnce(ctx(2), target, build)).toBe('posted');

  expect(slack.messages).toHaveLength(1);
  expect(slack.messages[0]!.metadata?.event_payload).toEqual({ post_id: milestonePostId(target.key) });
  const [row] = await db.query<{ status: string; message_id: string; attempts: number }>(
    `SELECT status, message_id, attempts FROM milestone_posts WHERE milestone_id = $1 AND kind = $2`,
    [milestone.id, kind],
  );
  expect(row).toEqual({ status: 'geplaatst', message_id: slack.messages[0]!.ts, attempts: 2 });
  expect(await postOnce(ctx(3), target, build)).toBe('skipped');
  expect(slack.messages).toHaveLength(1);
});

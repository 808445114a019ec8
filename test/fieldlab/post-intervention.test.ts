// An intervention's one-off post (here the decision prompt to the team) whose answer is lost: the first job
// attempt's post is stored by the fake Slack but its answer cut, so it fails; the next attempt looks first,
// finds the post and records it instead of posting a second prompt.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultMilestones } from '../../src/domain/fieldlab.js';
import { postInterventionOnce } from '../../src/fieldlab/post-intervention.js';
import { reply } from '../../src/render/reply.js';
import { promptRef, type InterventionPostKey } from '../../src/store/intervention-posts.js';
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

it('posts a decision prompt once when the answer to its first attempt is lost', async () => {
  await createIntervention(
    db,
    { name: 'Proef besluit', description: 'Proef', owners: ['Politie'], channel: 'slack:C0TEAM0001', startDate: '2025-03-24', lengthDays: 100, status: 'actief', milestones: defaultMilestones() },
    'test',
  );
  const intervention = (await listInterventions(db)).find((i) => i.name === 'Proef besluit')!;
  const key: InterventionPostKey = { interventionId: intervention.id, kind: 'besluit-team', ref: promptRef(new Date('2025-07-02T07:00:00Z')) };
  const ctx = attemptContext(db, impatientSlackPoster(slack), 'test-besluit');
  const build = () => reply('Dag 100: besluit nodig', [{ kind: 'text', text: 'doorzetten, aanpassen of stoppen?' }]);

  slack.failNext('chat.postMessage', { drop: true });
  slack.failNext('conversations.history', { status: 503 }, 3);
  await expect(postInterventionOnce(ctx(1), key, 'slack:C0TEAM0001', build)).rejects.toThrow();
  expect(await postInterventionOnce(ctx(2), key, 'slack:C0TEAM0001', build)).toBe('posted');

  expect(slack.messages).toHaveLength(1);
  const [row] = await db.query<{ status: string; message_id: string; attempts: number }>(
    'SELECT status, message_id, attempts FROM intervention_posts WHERE intervention_id = $1',
    [intervention.id],
  );
  expect(row).toEqual({ status: 'geplaatst', message_id: slack.messages[0]!.ts, attempts: 2 });
  expect(await postInterventionOnce(ctx(3), key, 'slack:C0TEAM0001', build)).toBe('skipped');
  expect(slack.messages).toHaveLength(1);
});

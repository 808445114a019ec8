// Field Lab check-ins from a reminder's buttons in Slack, over the real receiver and signed requests:
// Gereed answers in the reminder's thread, Knelpunt opens a note form whose submission records the note.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMilestones, type Milestone } from '../../../src/domain/fieldlab.js';
import { reminderReply } from '../../../src/fieldlab/reminder-reply.js';
import { createIntervention, findMilestone, listInterventions } from '../../../src/store/interventions.js';
import { claimMilestonePost, markMilestonePosted } from '../../../src/store/milestone-posts.js';
import { assignRole } from '../../../src/store/roles.js';
import { checkInHistory } from '../../../src/store/checkins.js';
import { openTestDb, type TestDb } from '../../support/db.js';
import { waitFor } from '../../queue/support.js';
import { startSlackHarness, type SlackHarness } from './harness.js';

let REMINDER_TS = '';
const TEAM = { id: 'TFAKE0001', domain: 'ote-test' };

describe('check-in buttons in Slack', () => {
  let db: TestDb;
  let harness: SlackHarness;
  let milestones: Milestone[];

  beforeAll(async () => {
    db = await openTestDb('pglite');
    harness = await startSlackHarness({ db });
    const id = await createIntervention(
      db,
      { name: 'Buurtaanpak', description: '', owners: [], channel: 'slack:C0TEAM0001', startDate: '2025-03-24', lengthDays: 100, status: 'actief', milestones: defaultMilestones() },
      'test',
    );
    const [intervention] = await listInterventions(db, [id]);
    milestones = intervention!.milestones;
    harness.runtime.services.posters = { slack: harness.slack.poster };
    // The reminder of day 0 as the reminder job posts it: through the poster, into the post log.
    const remindAt = new Date('2025-03-24T08:00:00Z');
    const key = { milestoneId: milestones[0]!.id, kind: 'herinnering' as const, remindAt };
    await claimMilestonePost(db, key, 'slack:C0TEAM0001');
    REMINDER_TS = (await harness.slack.poster.post('C0TEAM0001', reminderReply(intervention!, milestones[0]!, remindAt))).messageId;
    await markMilestonePosted(db, key, REMINDER_TS, remindAt);
    // The team member has a partner role; U0NOBODY01 is in the channel without one.
    await assignRole(db, { platform: 'slack', kind: 'user', id: 'U0TEAM0001' }, 'partner', null, 'test');
  });
  afterAll(async () => {
    await harness.close();
    await db.dispose();
  });

  const interaction = (payload: Record<string, unknown>) => harness.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());

  const press = (actionId: string, milestone: Milestone, userId = 'U0TEAM0001') =>
    interaction({
      type: 'block_actions',
      team: TEAM,
      user: { id: userId, username: 'teamlid', name: 'teamlid', team_id: TEAM.id },
      api_app_id: 'A0OTEBOT01',
      token: 'deprecated-verification-token',
      container: { type: 'message', message_ts: REMINDER_TS, channel_id: 'C0TEAM0001', is_ephemeral: false },
      trigger_id: '1234567890.1234567890.abcdef',
      channel: { id: 'C0TEAM0001', name: 'team-buurtaanpak' },
      message: { type: 'message', ts: REMINDER_TS, text: 'Mijlpaal', user: harness.fake.botUserId },
      response_url: harness.fake.responseUrl(),
      actions: [{ type: 'button', action_id: actionId, block_id: 'checkin', text: { type: 'plain_text', text: 'x' }, value: String(milestone.id), action_ts: '1745312500.000200' }],
    });

  it('refuses, only to them, someone in the channel without a partner role', async () => {
    await press('checkin:gereed', milestones[0]!, 'U0NOBODY01');
    await waitFor(() => harness.fake.ephemerals.length > 0, 'the refusal');
    expect(harness.fake.ephemerals[0]).toMatchObject({ channel: 'C0TEAM0001', user: 'U0NOBODY01' });
    expect(JSON.stringify(harness.fake.ephemerals[0]!.blocks)).toContain('Alleen het team van *Buurtaanpak* (leden van <#C0TEAM0001> met een partnerrol)');
    expect((await findMilestone(db, milestones[0]!.id))!.milestone.state).toBe('open');
    expect(harness.fake.updates).toEqual([]);
    harness.fake.ephemerals.length = 0;
  });

  it('records Gereed, answers in the reminder’s thread and puts the answer in place of the buttons', async () => {
    const response = await press('checkin:gereed', milestones[0]!);
    expect(response.status).toBe(200);
    await waitFor(() => harness.fake.messages.some((m) => m.thread_ts === REMINDER_TS), 'the answer in the thread');
    const answer = harness.fake.messages.find((m) => m.thread_ts === REMINDER_TS)!;
    expect(answer.channel).toBe('C0TEAM0001');
    expect(JSON.stringify(answer.blocks)).toContain('<@U0TEAM0001> meldt *Kick-off* van *Buurtaanpak* als gereed');
    expect(JSON.stringify(answer.blocks)).not.toContain('U0TEAM0001 meldt');
    expect((await findMilestone(db, milestones[0]!.id))!.milestone.state).toBe('gereed');
    // chat.update on the reminder itself: no buttons left, the answer instead.
    await waitFor(() => harness.fake.updates.length > 0, 'the reminder updated');
    const reminder = harness.fake.messages.find((m) => m.ts === REMINDER_TS)!;
    expect(harness.fake.updates[0]).toMatchObject({ channel: 'C0TEAM0001', ts: REMINDER_TS });
    expect(reminder.blocks!.some((b) => (b as { type: string }).type === 'actions')).toBe(false);
    expect(JSON.stringify(reminder.blocks)).toMatch(/Beantwoord door <@U0TEAM0001> op \d+ \w+ \d{4} \d\d:\d\d: gereed/);
    expect(JSON.stringify(reminder.blocks)).toContain('Kick-off');
  });

  it('opens a note form for Knelpunt and records the submitted note', async () => {
    await press('checkin:knelpunt', milestones[1]!);
    await waitFor(() => harness.fake.calls.some((c) => c.method === 'views.open'), 'the note form requested');
    const open = harness.fake.calls.find((c) => c.method === 'views.open')!;
    expect(open.body.trigger_id).toBe('1234567890.1234567890.abcdef');
    const view = (typeof open.body.view === 'string' ? JSON.parse(open.body.view) : open.body.view) as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe('checkin:knelpunt-notitie');

    const submit = (value: string) =>
      interaction({
        type: 'view_submission',
        team: TEAM,
        user: { id: 'U0TEAM0001', username: 'teamlid', name: 'teamlid', team_id: TEAM.id },
        api_app_id: 'A0OTEBOT01',
        token: 'deprecated-verification-token',
        trigger_id: '1234567890.1234567890.abcdef',
        view: {
          id: 'V0NOTE0001',
          team_id: TEAM.id,
          type: 'modal',
          callback_id: 'checkin:knelpunt-notitie',
          private_metadata: view.private_metadata,
          state: { values: { note: { note: { type: 'plain_text_input', value } } } },
          hash: '1745312600.abc',
          app_id: 'A0OTEBOT01',
          bot_id: harness.fake.botId,
        },
      });
    const empty = await submit('   ');
    expect(empty.json).toMatchObject({ response_action: 'errors', errors: { note: expect.stringContaining('Beschrijf het knelpunt') } });
    expect(await checkInHistory(db, milestones[1]!.id)).toEqual([]);

    expect((await submit('Geen locatie voor de sketch')).status).toBe(200);
    await waitFor(() => harness.fake.messages.some((m) => JSON.stringify(m.blocks).includes('Geen locatie voor de sketch')), 'the problem in the thread');
    expect((await findMilestone(db, milestones[1]!.id))!.milestone.state).toBe('knelpunt');
  });

  it('tells only the presser when the milestone was already answered', async () => {
    await press('checkin:later-dag', milestones[0]!);
    await waitFor(() => harness.fake.ephemerals.length > 0, 'an ephemeral answer');
    expect(harness.fake.ephemerals[0]).toMatchObject({ channel: 'C0TEAM0001', user: 'U0TEAM0001' });
    expect(JSON.stringify(harness.fake.ephemerals[0]!.blocks)).toContain('al als gereed gemeld');
  });
});

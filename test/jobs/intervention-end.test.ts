// The end of an intervention, as it runs: the reconcile plans the end job, the job posts the decision
// prompt to the team and to the programme office once, a press records the decision (audited), replaces the
// prompts' buttons, and `/ote interventie` and `/ote fieldlab` show it. An ended intervention leaves the
// overdue lists and is no longer shown as running. A Knelpunt reaches the office at once. In the
// intervention's language. Single-process queue, PGlite, recording posters that keep what they posted.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jobs } from '../../jobs/index.js';
import { runCommandText } from '../../src/commands/dispatch.js';
import { buildDigest } from '../../src/digest/build.js';
import { defaultMilestones } from '../../src/domain/fieldlab.js';
import type { Actor } from '../../src/domain/types.js';
import { handleCheckInAction } from '../../src/fieldlab/checkin.js';
import { handleDecisionAction } from '../../src/fieldlab/decision.js';
import { reconcileReminders } from '../../src/fieldlab/reconcile.js';
import { silentLogger } from '../../src/logger.js';
import { renderText } from '../../src/platforms/console/render.js';
import type { Poster } from '../../src/platforms/poster.js';
import { createSingleProcessDriver } from '../../src/queue/single-process.js';
import type { Reply } from '../../src/render/reply.js';
import { createIntervention, findIntervention } from '../../src/store/interventions.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { allText } from '../support/reply.js';
import { testMunicipalities, testRuntime } from '../support/runtime.js';
import { waitFor } from '../queue/support.js';

const TEAM = 'slack:C0TEAM0001';
const OFFICE = 'slack:C0OFFICE01';
const office: Actor = { platform: 'slack', userId: 'U0OFFICE01', role: 'programma', assigned: true };
const member: Actor = { platform: 'slack', userId: 'U0H2TEAM', role: 'partner', assigned: true };
// Start Monday 24 March 2025: day 100 is Wednesday 2 July, 09:00 in Amsterdam.
const END = new Date('2025-07-02T07:00:00Z');

interface Kept {
  channelId: string;
  reply: Reply;
}

/** A Poster that keeps its messages by id and applies updates, as a platform does. */
function keepingPoster(): Poster & { messages: Map<string, Kept>; posts: Kept[]; updates: string[] } {
  const messages = new Map<string, Kept>();
  const posts: Kept[] = [];
  const updates: string[] = [];
  return {
    platform: 'slack',
    messages,
    posts,
    updates,
    async post(channelId, reply) {
      const id = `m${posts.length + 1}`;
      posts.push({ channelId, reply });
      messages.set(id, { channelId, reply });
      return { messageId: id };
    },
    async update(channelId, messageId, reply) {
      if (!messages.has(messageId)) throw new Error('message_not_found');
      messages.set(messageId, { channelId, reply });
      updates.push(messageId);
    },
  };
}

const buttons = (reply: Reply) => reply.blocks.flatMap((b) => (b.kind === 'buttons' ? b.buttons.map((x) => x.actionId) : []));

let db: TestDb;
let now: Date;
let poster: ReturnType<typeof keepingPoster>;
let queue: ReturnType<typeof createSingleProcessDriver>;

beforeAll(async () => {
  db = await openTestDb('pglite');
});
afterAll(async () => {
  await queue?.close();
  await db.dispose();
});
beforeEach(async () => {
  await queue?.close();
  await db.exec('DELETE FROM interventions; DELETE FROM audit_log;');
  poster = keepingPoster();
  queue = createSingleProcessDriver(jobs);
  await queue.startWorker({
    db, municipalities: testMunicipalities(), logger: silentLogger, posters: { slack: poster }, programmeChannel: OFFICE,
    buildDigest, enqueue: (...args) => queue.enqueue(...args), now: () => now,
  });
});

async function addIntervention(lang: 'nl' | 'en' = 'nl'): Promise<number> {
  return createIntervention(
    db,
    { name: 'Buurtaanpak Noord', description: '', owners: ['Politie'], channel: TEAM, startDate: '2025-03-24', lengthDays: 100, status: 'actief', milestones: defaultMilestones(), lang },
    'test',
  );
}
const say = async (text: string, actor: Actor = office, channel = OFFICE) =>
  renderText(await runCommandText(text, { actor, channel, now }, { ...testRuntime(db), services: { posters: { slack: poster }, enqueue: queue.enqueue } }));

describe('the end of an intervention', () => {
  it('on day 100 stops the reminders and asks the team and the office for a decision, once', async () => {
    const id = await addIntervention();
    now = END;
    // At the end moment the reconcile plans the end job with no delay (the earlier reminders are long past).
    await reconcileReminders({ db, enqueue: queue.enqueue, now: () => now });
    await waitFor(() => poster.posts.length === 2, 'the two decision prompts', 10_000);
    const [team, toOffice] = poster.posts;
    expect(team!.channelId).toBe('C0TEAM0001');
    expect(toOffice!.channelId).toBe('C0OFFICE01');
    expect(renderText(team!.reply)).toContain('Buurtaanpak Noord is afgelopen: dag 100 van 100 (2 juli 2025 09:00)');
    expect(renderText(toOffice!.reply)).toContain('Buurtaanpak Noord van #C0TEAM0001 (Slack) is afgelopen');
    expect(buttons(team!.reply)).toEqual(['besluit:doorzetten', 'besluit:aanpassen', 'besluit:stoppen']);
    expect(poster.posts.some((p) => p.reply.title.startsWith('Mijlpaal'))).toBe(false);

    // Every later reconcile plans nothing more: no reminder, no escalation, no second prompt.
    now = new Date('2025-07-10T12:00:00Z');
    await reconcileReminders({ db, enqueue: queue.enqueue, now: () => now });
    expect(await queue.counts()).toMatchObject({ delayed: 0, waiting: 0 });
    expect(poster.posts).toHaveLength(2);

    // `/ote fieldlab` says it ended and needs a decision, not `actief` with "afgelopen (dag 108 van 100)".
    const overview = await say('/ote fieldlab');
    expect(overview).toMatch(/Buurtaanpak Noord\s+–\s+–\s+nog geen\s+afgelopen, besluit nodig\s*$/m);
    expect(overview).not.toContain('dag 108 van 100');
    expect(overview).toMatch(/Lopend\s+0/);
    expect(await say('/ote interventie Buurtaanpak Noord')).toContain('afgelopen, besluit nodig');

    // Someone without a role in the team channel may not decide; the team member may.
    const stranger: Actor = { platform: 'slack', userId: 'U0NOBODY1', role: 'partner' };
    const refused = await handleDecisionAction({ actionId: 'besluit:doorzetten', value: String(id), actor: stranger, channel: TEAM }, { db, now });
    expect(refused.isError).toBe(true);
    expect((await findIntervention(db, id))!.status).toBe('actief');
    const decided = await handleDecisionAction({ actionId: 'besluit:doorzetten', value: String(id), actor: member, channel: TEAM }, { db, now, posters: { slack: poster } });
    expect(renderText(decided)).toContain('@U0H2TEAM (Slack) besluit: Buurtaanpak Noord wordt doorgezet.');
    expect((await findIntervention(db, id))!.status).toBe('doorgezet');
    // Both prompts now show the decision in place of their buttons.
    expect(poster.updates.sort()).toEqual(['m1', 'm2']);
    for (const kept of poster.messages.values()) {
      expect(buttons(kept.reply)).toEqual([]);
      expect(renderText(kept.reply)).toMatch(/Besloten door|Beantwoord door @U0H2TEAM \(Slack\) op 10 juli 2025 14:00: doorgezet/);
    }
    // A second press changes nothing.
    const again = await handleDecisionAction({ actionId: 'besluit:stoppen', value: String(id), actor: office, channel: OFFICE }, { db, now });
    expect(renderText(again)).toContain('is al doorgezet; er is niets gewijzigd');

    const detail = await say('/ote interventie Buurtaanpak Noord');
    expect(detail).toMatch(/Besluit\s+doorgezet door @U0H2TEAM \(Slack\) op 10 juli 2025 14:00/);
    expect(await say('/ote fieldlab')).toMatch(/doorgezet \(10 juli 2025\)/);
    const trail = await db.query<{ action: string; detail: Record<string, unknown> }>(`SELECT action, detail FROM audit_log WHERE action = 'interventie.besluit'`);
    expect(trail).toMatchObject([{ action: 'interventie.besluit', detail: { id, besluit: 'doorzetten', status: 'doorgezet' } }]);
  });

  it('takes the decision from `/ote interventie besluit`, only after the end, with a note', async () => {
    const id = await addIntervention();
    now = new Date('2025-06-30T10:00:00Z');
    expect(await say('/ote interventie besluit Buurtaanpak Noord stoppen')).toContain('loopt nog (tot 2 juli 2025 09:00)');
    now = new Date('2025-07-03T10:00:00Z');
    expect(await say('/ote interventie besluit Buurtaanpak Noord aanpassen notitie=Kleinere wijken', member, 'slack:C0ELDERS1')).toContain('vanuit zijn eigen teamkanaal');
    expect(await say('/ote interventie besluit Buurtaanpak Noord aanpassen notitie=Kleinere wijken', member, TEAM)).toContain('wordt aangepast');
    expect((await findIntervention(db, id))!.status).toBe('aangepast');
    expect(await say('/ote interventie Buurtaanpak Noord')).toMatch(/Besluit\s+aangepast door @U0H2TEAM \(Slack\) op 3 juli 2025 12:00: Kleinere wijken/);
  });

  it('leaves the overdue lists: the Friday digest no longer floods with an ended intervention’s milestones', async () => {
    await addIntervention();
    const friday = (iso: string) => buildDigest(db, testMunicipalities(), { at: new Date(iso), lang: 'nl' });
    expect(allText(await friday('2025-06-27T06:00:00Z'))).toContain('Achterstallige check-ins');
    const late = allText(await friday('2026-11-20T07:00:00Z')); // day 606
    expect(late).not.toContain('Achterstallige check-ins');
    expect(late).not.toContain('Buurtaanpak Noord');
  });
});

describe('a Knelpunt and the intervention’s language', () => {
  it('passes a Knelpunt to the programme office at once, and writes reminders in the intervention’s language', async () => {
    const id = await addIntervention('en');
    now = new Date('2025-04-23T07:00:00Z'); // day 30, 09:00
    await reconcileReminders({ db, enqueue: queue.enqueue, now: () => now });
    await waitFor(() => poster.posts.some((p) => p.reply.title.startsWith('Milestone')), 'the reminder of day 30', 10_000);
    const reminder = poster.posts.find((p) => p.reply.title.startsWith('Milestone'))!;
    expect(renderText(reminder.reply)).toContain('Buurtaanpak Noord, day 30 of 100: the milestone First progress check is due today');

    const intervention = (await findIntervention(db, id))!;
    const day30 = intervention.milestones.find((m) => m.day === 30)!;
    const answer = await handleCheckInAction(
      { actionId: 'checkin:knelpunt', value: String(day30.id), actor: member, channel: TEAM, note: 'Geen locatie voor de sketch' },
      { db, now, enqueue: queue.enqueue, posters: { slack: poster } },
    );
    expect(renderText(answer)).toContain('@U0H2TEAM (Slack) reports a problem with First progress check of Buurtaanpak Noord');
    await waitFor(() => poster.posts.some((p) => p.channelId === 'C0OFFICE01'), 'the problem at the office', 10_000);
    const notice = poster.posts.find((p) => p.channelId === 'C0OFFICE01')!;
    expect(renderText(notice.reply)).toContain('@U0H2TEAM (Slack) reports a problem in #C0TEAM0001 (Slack) at First progress check of Buurtaanpak Noord (day 30): Geen locatie voor de sketch');
    // The reminder's buttons are replaced by the answer, in English.
    expect(buttons(poster.messages.get('m1')!.reply)).toEqual([]);
    expect(renderText(poster.messages.get('m1')!.reply)).toContain('Answered by @U0H2TEAM (Slack) on 23 April 2025 09:00: problem');
  });
});

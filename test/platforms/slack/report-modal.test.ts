// The incident report form as a Slack modal, over the real receiver and signed requests: the buttons open it
// (empty, or filled for a correction), a bad submission gets errors next to its fields, a good one is stored
// as a chat report and answered to the reporter only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignRole } from '../../../src/store/roles.js';
import { openTestDb, type TestDb } from '../../support/db.js';
import { waitFor } from '../../queue/support.js';
import { startSlackHarness, type SlackHarness } from './harness.js';

const TEAM = { id: 'TFAKE0001', domain: 'ote-test' };
const POLICE = 'U0POLICE01';
const PARTNER = 'U0INSURE01';

describe('the report form in Slack', () => {
  let db: TestDb;
  let harness: SlackHarness;
  beforeAll(async () => {
    db = await openTestDb('pglite');
    harness = await startSlackHarness({ db });
    await assignRole(db, { platform: 'slack', kind: 'user', id: POLICE }, 'politie', null, 'test');
  });
  afterAll(async () => {
    await harness.close();
    await db.dispose();
  });

  const interaction = (payload: Record<string, unknown>) => harness.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  const user = (id: string) => ({ id, username: id, name: id, team_id: TEAM.id });
  const press = (userId: string, actionId: string, value: string) =>
    interaction({
      type: 'block_actions',
      team: TEAM,
      user: user(userId),
      api_app_id: 'A0OTEBOT01',
      token: 'deprecated-verification-token',
      container: { type: 'message', message_ts: '1745312400.000100', channel_id: 'C0POLITIE1', is_ephemeral: true },
      trigger_id: `trigger-${actionId}-${value}`,
      channel: { id: 'C0POLITIE1', name: 'politie' },
      response_url: harness.fake.responseUrl(),
      actions: [{ type: 'button', action_id: actionId, block_id: 'b', text: { type: 'plain_text', text: 'x' }, value, action_ts: '1745312500.000200' }],
    });
  const submit = (values: Record<string, string>, privateMetadata: string) =>
    interaction({
      type: 'view_submission',
      team: TEAM,
      user: user(POLICE),
      api_app_id: 'A0OTEBOT01',
      token: 'deprecated-verification-token',
      trigger_id: 'trigger-submit',
      view: {
        id: 'V0REPORT01',
        team_id: TEAM.id,
        type: 'modal',
        callback_id: 'ote-melden',
        private_metadata: privateMetadata,
        state: {
          values: Object.fromEntries(
            Object.entries(values).map(([id, value]) => [
              id,
              { [id]: ['doel', 'resultaat', 'middel'].includes(id) ? { type: 'static_select', selected_option: { value } } : { type: 'plain_text_input', value } },
            ]),
          ),
        },
        hash: '1745312600.abc',
        app_id: 'A0OTEBOT01',
        bot_id: harness.fake.botId,
      },
    });
  const openedView = async (trigger: string) => {
    await waitFor(() => harness.fake.calls.some((c) => c.method === 'views.open' && c.body.trigger_id === trigger), 'the form requested');
    const call = harness.fake.calls.find((c) => c.method === 'views.open' && c.body.trigger_id === trigger)!;
    return (typeof call.body.view === 'string' ? JSON.parse(call.body.view) : call.body.view) as {
      callback_id: string;
      private_metadata: string;
      blocks: { type: string; block_id?: string; optional?: boolean; element?: Record<string, any> }[];
    };
  };

  it('opens the empty form, refuses bad fields next to them, and stores a good report', async () => {
    await press(POLICE, 'melden:formulier', 'nieuw');
    const view = await openedView('trigger-melden:formulier-nieuw');
    expect(view.callback_id).toBe('ote-melden');
    const inputs = view.blocks.filter((b) => b.type === 'input');
    expect(inputs.map((b) => [b.block_id, b.element!.type, b.optional])).toEqual([
      ['ref', 'plain_text_input', false],
      ['wanneer', 'plain_text_input', false],
      ['gemeente', 'plain_text_input', false],
      ['doel', 'static_select', false],
      ['resultaat', 'static_select', false],
      ['middel', 'static_select', true],
      ['postcode', 'plain_text_input', true],
    ]);

    const bad = await submit({ ref: 'SL-1', wanneer: '2025-03-01T02:30', gemeente: 'Nergenshuizen', doel: 'woning', postcode: '12' }, view.private_metadata);
    expect(bad.json).toMatchObject({
      response_action: 'errors',
      errors: { gemeente: expect.stringMatching(/^onbekende gemeente/), resultaat: expect.any(String), postcode: expect.stringMatching(/^verwacht vier cijfers/) },
    });
    expect(await db.query('SELECT 1 FROM incidents')).toEqual([]);

    const good = await submit({ ref: 'SL-1', wanneer: '2025-03-01T02:30', gemeente: 'Den Haag', doel: 'woning', resultaat: 'explosie' }, view.private_metadata);
    expect(good.status).toBe(200);
    await waitFor(() => harness.fake.ephemerals.some((m) => JSON.stringify(m.blocks).includes('Incident gemeld')), 'the answer to the reporter');
    expect(harness.fake.ephemerals.at(-1)).toMatchObject({ channel: 'C0POLITIE1', user: POLICE });
    expect(await db.query('SELECT reference, municipality_code, source FROM incidents')).toEqual([{ reference: 'SL-1', municipality_code: 'GM0518', source: 'chat' }]);
    expect(await db.query("SELECT actor, action FROM audit_log WHERE subject = 'SL-1'")).toEqual([{ actor: `slack:${POLICE}`, action: 'incident.aangemaakt' }]);
  });

  it('opens the form filled with the stored incident for a correction', async () => {
    await press(POLICE, 'melden:corrigeren', 'SL-1');
    const view = await openedView('trigger-melden:corrigeren-SL-1');
    const element = (id: string) => view.blocks.find((b) => b.block_id === id)!.element!;
    expect(element('ref').initial_value).toBe('SL-1');
    expect(element('wanneer').initial_value).toBe('2025-03-01T02:30+01:00');
    expect(element('gemeente').initial_value).toBe('GM0518');
    expect(element('doel').initial_option).toEqual({ text: { type: 'plain_text', text: 'Woningen' }, value: 'woning' });
  });

  it('opens nothing for a partner who may not report, and says why', async () => {
    const before = harness.fake.calls.filter((c) => c.method === 'views.open').length;
    await press(PARTNER, 'melden:formulier', 'nieuw');
    await waitFor(() => harness.fake.ephemerals.some((m) => m.user === PARTNER), 'the refusal');
    expect(JSON.stringify(harness.fake.ephemerals.find((m) => m.user === PARTNER)!.blocks)).toContain('Geen toegang');
    expect(harness.fake.calls.filter((c) => c.method === 'views.open')).toHaveLength(before);
  });
});

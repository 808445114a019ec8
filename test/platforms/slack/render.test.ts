import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { SLACK_LIMITS, slackLimitProblems, type SlackBlock } from '../../../src/platforms/slack/limits.js';
import { escapeMrkdwn, renderSlack, slackPayloadJson } from '../../../src/platforms/slack/render.js';
import { channelMention, groupMention, userMention } from '../../../src/render/mention.js';
import { errorReply, reply, type Block } from '../../../src/render/reply.js';

const t = translator('nl');
const render = (blocks: Block[], title = 'Titel') => renderSlack(reply(title, blocks), { t });
const texts = (blocks: SlackBlock[]) =>
  blocks.flatMap((b) =>
    b.type === 'section' ? ('text' in b ? [b.text.text] : b.fields.map((f) => f.text)) : b.type === 'context' ? b.elements.map((e) => e.text) : b.type === 'header' ? [b.text.text] : [],
  );
const longName = 'Súdwest-Fryslân-' + 'Heerhugowaard'.repeat(30);

describe('Slack Block Kit renderer', () => {
  it('renders a header, facts as fields, a table as monospace text and a context', () => {
    const message = render([
      { kind: 'facts', facts: [{ label: 'Totaal', value: '*1.543*' }, { label: 'Vorig jaar', value: '901' }] },
      { kind: 'table', columns: [{ header: 'Gemeente', align: 'left' }, { header: 'Aantal', align: 'right' }], rows: [['Amsterdam', '120'], ['Den Haag', '9']] },
      { kind: 'sparkline', label: 'Per maand', values: [0, 5, 9] },
      { kind: 'context', text: 'Bron: register' },
    ]);
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Titel', emoji: true } });
    expect(message.blocks[1]).toMatchObject({ type: 'section', fields: [{ type: 'mrkdwn', text: '*Totaal*\n*1.543*' }, { text: '*Vorig jaar*\n901' }] });
    expect(texts([message.blocks[2]!])[0]).toBe('```\nGemeente   Aantal\n─────────  ──────\nAmsterdam     120\nDen Haag        9\n```');
    expect(texts([message.blocks[3]!])[0]).toBe('*Per maand*  `▁▅█`');
    expect(message.blocks[4]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Bron: register' }] });
    expect(message.text).toBe('Titel');
    expect(slackLimitProblems(message)).toEqual([]);
  });

  it('shows people and channels in a table as names: a table with mentions is one line per row, not a code block', () => {
    const message = render([
      {
        kind: 'table',
        columns: [{ header: 'Kanaal', align: 'left' }, { header: 'Door', align: 'left' }, { header: 'Stand', align: 'left' }],
        rows: [[channelMention('slack:C0123'), userMention('slack:U0456'), 'mislukt: <fout> & meer'], [channelMention('discord:123456'), '', 'nooit']],
      },
    ]);
    const [text] = texts([message.blocks[1]!]);
    expect(text).toBe('*Kanaal · Door · Stand*\n*<#C0123>* — <@U0456> · mislukt: &lt;fout&gt; &amp; meer\n*#123456 (Discord)* — nooit');
    expect(text).not.toContain('```');
    expect(slackLimitProblems(message)).toEqual([]);
  });

  it('never pings a user group in a message the channel sees, but names it in one only the asker sees', () => {
    const blocks: Block[] = [{ kind: 'text', text: `Rol voor ${groupMention('slack:S0TEAM')}` }];
    expect(texts(renderSlack(reply('Rollen', blocks), { t }).blocks)).toContain('Rol voor <!subteam^S0TEAM>');
    expect(texts(renderSlack(reply('Rollen', blocks, 'channel'), { t }).blocks)).toContain('Rol voor @S0TEAM (Slack)');
  });

  it('escapes Slack control characters so user text cannot mention or link', () => {
    expect(escapeMrkdwn('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
    const message = renderSlack(errorReply('Fout', 'Onbekend commando `<!here>`'), { t });
    expect(JSON.stringify(message)).not.toContain('<!here>');
    expect(message.blocks[0]).toMatchObject({ text: { text: '⚠️ Fout' } });
    expect(message.text).toContain('Onbekend commando');
  });

  it('cuts a long title to the header limit', () => {
    const message = render([{ kind: 'text', text: 'x' }], longName);
    expect(texts([message.blocks[0]!])[0]!.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    expect(slackLimitProblems(message)).toEqual([]);
  });

  it('splits long text over several sections without losing any of it', () => {
    const paragraph = Array.from({ length: 400 }, (_, i) => `Regel ${i} met wat tekst.`).join('\n');
    const message = render([{ kind: 'text', text: paragraph }]);
    expect(message.blocks.length).toBeGreaterThan(3);
    expect(texts(message.blocks.slice(1)).join('\n')).toBe(paragraph);
    expect(slackLimitProblems(message)).toEqual([]);
  });

  it('puts more than ten facts in several sections and cuts an overlong value visibly', () => {
    const facts = Array.from({ length: 23 }, (_, i) => ({ label: `Feit ${i}`, value: i === 3 ? 'x'.repeat(5000) : String(i) }));
    const message = render([{ kind: 'facts', facts }]);
    expect(message.blocks.filter((b) => b.type === 'section')).toHaveLength(3);
    expect(texts(message.blocks).join('')).toMatch(/… en \d+ meer/);
    expect(slackLimitProblems(message)).toEqual([]);
  });

  it('splits a long table over sections and cuts the rest with "… en N meer", keeping the closing context', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [String(i + 1), `${longName.slice(0, 60)} ${i}`, '1.234', '12,5%']);
    const message = render([
      { kind: 'table', title: 'Ranglijst', columns: [{ header: '#', align: 'right' }, { header: 'Gemeente', align: 'left' }, { header: 'Aantal', align: 'right' }, { header: 'Aandeel', align: 'right' }], rows },
      { kind: 'context', text: 'Let op: dit zijn demogegevens.' },
    ]);
    expect(message.blocks).toHaveLength(SLACK_LIMITS.blocks);
    expect(message.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Let op: dit zijn demogegevens.' }] });
    const all = texts(message.blocks).join('\n');
    const shown = all.split('\n').filter((l) => /^\s*\d+ /.test(l)).length;
    expect(all).toContain(`… en ${5000 - shown} meer`);
    expect(slackLimitProblems(message)).toEqual([]);
  });

  it('cuts a reply of very many short blocks, saying how many are left out', () => {
    const blocks: Block[] = Array.from({ length: 80 }, (_, i) => ({ kind: 'text', text: `Blok ${i}` }));
    const message = render([...blocks, { kind: 'context', text: 'Slot' }]);
    expect(message.blocks).toHaveLength(SLACK_LIMITS.blocks);
    expect(texts(message.blocks)).toContain('… en 33 meer');
    expect(texts(message.blocks).at(-1)).toBe('Slot');
    expect(slackLimitProblems(message)).toEqual([]);
  });

  it('keeps buttons within the actions limits and their ids unique', () => {
    const buttons = Array.from({ length: 40 }, (_, i) => ({ actionId: i === 1 ? 'a:0' : `a:${i}`, label: longName, value: 'v' }));
    const message = render([{ kind: 'buttons', buttons }]);
    expect(slackLimitProblems(message)).toEqual([]);
  });

  it('says where a chart is instead of dropping it silently', () => {
    const message = render([{ kind: 'chart', chart: { title: 'Doel 2025', fileName: 'doel.png', png: new Uint8Array() } }]);
    expect(texts(message.blocks).join()).toContain('Doel 2025');
  });

  it('prints for `ote say --format slack` the body Slack receives, ephemeral unless shared', () => {
    const ephemeral = JSON.parse(slackPayloadJson(reply('Doel', [{ kind: 'text', text: 'x' }]), 'nl'));
    expect(ephemeral).toEqual({ response_type: 'ephemeral', text: 'Doel\nx', blocks: [expect.objectContaining({ type: 'header' }), expect.objectContaining({ type: 'section' })] });
    const shared = JSON.parse(slackPayloadJson(reply('Doel', [{ kind: 'text', text: 'x' }], 'channel'), 'en'));
    expect(shared.response_type).toBe('in_channel');
  });
});

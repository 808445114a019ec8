import { describe, expect, it } from 'vitest';
import { renderDiscordMessage, discordPayloadJson } from '../../../src/platforms/discord/render.js';
import { fitLines } from '../../../src/platforms/discord/limits.js';
import { channelMention, userMention } from '../../../src/render/mention.js';
import { errorReply, reply, type Block, type Reply } from '../../../src/render/reply.js';
import { discordLimitProblems } from '../../support/discord-limits.js';
import { componentProblems } from '../../support/fake-discord-components.js';

const more = (n: number) => `… en ${n} meer`;
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
const everything = (r: Reply) => {
  const { embeds } = renderDiscordMessage(r, 'nl').data;
  return embeds.flatMap((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text]).join('\n');
};

describe('the Discord renderer', () => {
  it('renders title, text, facts and context as one ephemeral embed', () => {
    const message = renderDiscordMessage(
      reply('Aanslagen 2024', [
        { kind: 'text', text: 'Landelijk, *voorlopig*.' },
        { kind: 'facts', facts: [{ label: 'Totaal', value: '*1.543*' }, { label: 'Woning', value: '1.119' }] },
        { kind: 'context', text: 'Bron: politie' },
      ]),
      'nl',
    );
    expect(message.data.flags).toBe(64);
    expect(message.data.allowed_mentions).toEqual({ parse: [] });
    expect(message.data.embeds).toHaveLength(1);
    expect(message.data.embeds[0]).toMatchObject({
      title: 'Aanslagen 2024',
      description: 'Landelijk, **voorlopig**.',
      fields: [
        { name: 'Totaal', value: '**1.543**', inline: true },
        { name: 'Woning', value: '1.119', inline: true },
      ],
      footer: { text: 'Bron: politie' },
    });
    expect(message.files).toEqual([]);
  });

  it('posts for the channel without flags and marks errors in red', () => {
    expect(renderDiscordMessage(reply('t', [], 'channel'), 'nl').data.flags).toBeUndefined();
    expect(renderDiscordMessage(errorReply('Geen toegang', 'Nee.'), 'nl').data.embeds[0]!.color).toBe(0xc0392b);
  });

  it('keeps reading order: text after facts starts a new embed', () => {
    const { embeds } = renderDiscordMessage(
      reply('t', [
        { kind: 'facts', facts: [{ label: 'a', value: '1' }] },
        { kind: 'table', title: 'Per middel', columns: [{ header: 'Middel', align: 'left' }, { header: 'Aantal', align: 'right' }], rows: [['vuurwerk', '12']] },
      ]),
      'nl',
    ).data;
    expect(embeds).toHaveLength(2);
    expect(embeds[1]!.description).toBe('**Per middel**\n```\nMiddel    Aantal\n────────  ──────\nvuurwerk      12\n```');
  });

  it('lists a table too wide for a code block one row per line, and keeps footers free of markdown', () => {
    const usage = '/ote melden ref=… wanneer=2025-03-01T02:30 gemeente=… doel=… resultaat=…';
    const embed = renderDiscordMessage(
      reply('Hulp', [
        { kind: 'table', columns: [{ header: '', align: 'left' }, { header: '', align: 'left' }], rows: [[usage, 'Een incident melden.'], ['/ote help', 'Deze uitleg.']] },
        { kind: 'context', text: 'Voeg `publiek` toe, *altijd*.' },
      ]),
      'nl',
    ).data.embeds[0]!;
    expect(embed.description).toBe(`**${usage}** — Een incident melden.\n**/ote help** — Deze uitleg.`);
    expect(embed.footer).toEqual({ text: 'Voeg publiek toe, altijd.' });
  });

  it('shows people and channels in a table as names: a table with mentions is one line per row, not a code block', () => {
    const embed = renderDiscordMessage(
      reply('Abonnementen', [
        {
          kind: 'table',
          columns: [{ header: 'Kanaal', align: 'left' }, { header: 'Door', align: 'left' }, { header: 'Stand', align: 'left' }],
          rows: [[channelMention('discord:1234567890'), userMention('discord:987654321'), '✓ 30-11'], [channelMention('slack:C0123'), '', 'nooit']],
        },
      ]),
      'nl',
    ).data.embeds[0]!;
    expect(embed.description).toBe('*Kanaal · Door · Stand*\n**<#1234567890>** — <@987654321> · ✓ 30-11\n**#C0123 (Slack)** — nooit');
    expect(embed.description).not.toContain('```');
  });

  it('attaches charts and shows them through attachment://', () => {
    const chart = (fileName: string) => ({ kind: 'chart', chart: { title: 'Doel 2025', fileName, png } }) as Block;
    const message = renderDiscordMessage(reply('Doel', [chart('doel 2025.png'), chart('doel 2025.png')]), 'nl');
    expect(message.data.attachments).toEqual([
      { id: 0, filename: 'doel_2025.png', description: 'Doel 2025' },
      { id: 1, filename: 'doel_2025-2.png', description: 'Doel 2025' },
    ]);
    expect(message.data.embeds.map((e) => e.image?.url)).toEqual(['attachment://doel_2025.png', 'attachment://doel_2025-2.png']);
    expect(message.files.map((f) => [f.key, f.name, f.contentType])).toEqual([
      ['files[0]', 'doel_2025.png', 'image/png'],
      ['files[1]', 'doel_2025-2.png', 'image/png'],
    ]);
    expect(JSON.parse(discordPayloadJson(reply('Doel', [chart('d.png')]), 'nl'))).toMatchObject({ type: 4, data: { attachments: [{ id: 0, filename: 'd.png' }] } });
  });

  it('cuts a table of 342 rows to the limits, keeping the header and saying how many rows are left out', () => {
    const rows = Array.from({ length: 342 }, (_, i) => [String(i + 1), `Gemeente met een lange naam ${i + 1}`, String(1000 - i), '0,3%']);
    const message = renderDiscordMessage(
      reply('Top 342', [
        { kind: 'table', columns: [{ header: '#', align: 'right' }, { header: 'Gemeente', align: 'left' }, { header: 'Aantal', align: 'right' }, { header: 'Aandeel', align: 'right' }], rows },
        { kind: 'context', text: 'Totaal 1.543' },
      ]),
      'nl',
    );
    expect(discordLimitProblems(message.data)).toEqual([]);
    const description = message.data.embeds[0]!.description!;
    expect(description).toMatch(/^```\n  # {2}Gemeente/);
    const shown = description.split('\n').filter((l) => /^\s*\d+ {2}Gemeente/.test(l)).length;
    expect(description).toContain(`\`\`\`\n… en ${342 - shown} meer`);
    expect(shown).toBeGreaterThan(50);
    expect(message.data.embeds[0]!.footer).toEqual({ text: 'Totaal 1.543' });
  });

  it('keeps at most 25 fields, 10 embeds and short titles, with a visible rest', () => {
    const facts = Array.from({ length: 60 }, (_, i) => ({ label: `Feit ${i}`, value: String(i) }));
    const fields = renderDiscordMessage(reply('x'.repeat(300), [{ kind: 'facts', facts }]), 'nl').data.embeds[0]!;
    expect(fields.title).toHaveLength(256);
    expect(fields.fields).toHaveLength(25);
    expect(fields.fields!.at(-1)!.value).toBe('… en 36 meer');

    const alternating: Block[] = Array.from({ length: 15 }, (_, i) => [
      { kind: 'text', text: `tekst ${i}` } as Block,
      { kind: 'facts', facts: [{ label: 'f', value: String(i) }] } as Block,
    ]).flat();
    const message = renderDiscordMessage(reply('t', alternating), 'nl');
    expect(message.data.embeds).toHaveLength(10);
    expect(message.data.embeds[9]!.description).toContain('… en 5 meer');
  });

  it('clips one long paragraph instead of dropping it, and answers in English when asked', () => {
    const long = 'woord '.repeat(2000);
    const embed = renderDiscordMessage(reply('t', [{ kind: 'text', text: long }]), 'en').data.embeds[0]!;
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embed.description!.length).toBeGreaterThan(4000);
    expect(embed.description!.endsWith('…')).toBe(true);
    expect(fitLines({ lines: ['a', 'b', 'c', 'd'] }, 6, (n) => `… and ${n} more`)).toBe('');
    expect(fitLines({ lines: ['aaaa', 'bbbb', 'cccc'] }, 20, (n) => `+${n}`)).toBe('aaaa\nbbbb\ncccc');
    expect(fitLines({ lines: ['aaaa', 'bbbb', 'cccc'] }, 12, (n) => `+${n}`)).toBe('aaaa\nbbbb\n+1');
  });

  it('renders buttons as action rows of at most five, in at most five rows, each id carrying action and value', () => {
    const button = (i: number, value = String(i)) => ({ actionId: `test:${i}`, label: `Knop ${i}`, value });
    const rows = (blocks: Block[]) => renderDiscordMessage(reply('t', blocks), 'nl').data.components ?? [];
    expect(rows([{ kind: 'text', text: 'x' }])).toEqual([]);
    expect(renderDiscordMessage(reply('t', []), 'nl').data).not.toHaveProperty('components');

    const twelve = rows([
      { kind: 'buttons', buttons: Array.from({ length: 12 }, (_, i) => button(i)) },
      { kind: 'buttons', buttons: [{ ...button(20), style: 'primary' }, { ...button(21), style: 'danger' }] },
    ]);
    expect(twelve.map((r) => r.components.length)).toEqual([5, 5, 2, 2]);
    expect(twelve[0]!.components[0]).toEqual({ type: 2, custom_id: 'test:0|0', label: 'Knop 0', style: 2 });
    expect(twelve[3]!.components.map((b) => b.style)).toEqual([1, 4]);

    const many = rows(Array.from({ length: 9 }, (_, i) => ({ kind: 'buttons', buttons: [button(i)] }) as Block));
    expect(many).toHaveLength(5);

    const odd = rows([{ kind: 'buttons', buttons: [button(1, 'x'.repeat(100)), button(2), button(2), { ...button(3), label: 'L'.repeat(200) }] }]);
    expect(odd[0]!.components.map((b) => b.custom_id)).toEqual(['test:2|2', 'test:3|3']);
    expect(odd[0]!.components[1]!.label).toHaveLength(80);
    expect(componentProblems(odd)).toEqual([]);
  });

  it('stays within every limit for random replies of any size', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = [...'abcdéf 🎆\n'];
    const source = Array.from({ length: 20_000 }, () => alphabet[random(alphabet.length)]).join('');
    const text = (max: number) => {
      const start = random(10_000);
      return source.slice(start, start + random(max) + 1);
    };
    for (let round = 0; round < 150; round++) {
      const blocks: Block[] = Array.from({ length: random(30) }, () => {
        switch (random(7)) {
          case 0: return { kind: 'text', text: text(5000) };
          case 1: return { kind: 'facts', facts: Array.from({ length: random(40) + 1 }, () => ({ label: text(300), value: text(1500) })) };
          case 2: return { kind: 'table', title: text(50), columns: [{ header: 'a', align: 'left' }, { header: '', align: 'right' }], rows: Array.from({ length: random(400) }, () => [text(40), text(10)]) };
          case 3: return { kind: 'sparkline', label: text(20), values: Array.from({ length: random(40) }, () => random(100)) };
          case 4: return { kind: 'context', text: text(3000) };
          case 5: return { kind: 'buttons', buttons: Array.from({ length: random(12) }, () => ({ actionId: `a:${text(20)}`, label: text(120), value: text(90), ...(random(2) ? { style: 'danger' as const } : {}) })) };
          default: return { kind: 'chart', chart: { title: text(2000), fileName: `${text(10)}.png`, png } };
        }
      });
      const message = renderDiscordMessage(reply(text(400), blocks, random(2) ? 'channel' : 'ephemeral'), 'nl');
      expect(discordLimitProblems(message.data), `round ${round}`).toEqual([]);
      expect(componentProblems(message.data.components), `round ${round}`).toEqual([]);
      expect(message.files.map((f) => f.name)).toEqual(message.data.attachments.map((a) => a.filename));
      for (const embed of message.data.embeds) {
        if (embed.image) expect(message.data.attachments.map((a) => `attachment://${a.filename}`)).toContain(embed.image.url);
      }
    }
    expect(everything(reply('t', [{ kind: 'text', text: 'x' }]))).toContain('x');
  });
});

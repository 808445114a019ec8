import { PassThrough } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsole } from '../../../src/platforms/console/repl.js';
import { renderText } from '../../../src/platforms/console/render.js';
import { openTestDb, type TestDb } from '../../support/db.js';
import { actor, testRuntime } from '../../support/runtime.js';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb('pglite');
});
afterAll(() => db.dispose());

async function session(lines: string[], role = actor('partner')): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const done = runConsole(testRuntime(db), { actor: role, input, output, chartDir: mkdtempSync(join(tmpdir(), 'ote-charts-')) });
  input.end(lines.join('\n'));
  await done;
  return text;
}

describe('the console', () => {
  it('answers piped commands in order and ends at the end of input', async () => {
    const text = await session(['/ote help', '', '/ote doel']);
    expect(text).toContain('ote> /ote help');
    expect(text).toContain('OTE-bot: commando’s');
    expect(text.indexOf('OTE-bot')).toBeLessThan(text.indexOf('Doel 2025'));
    expect(text).toContain('1.388');
  });

  it('stops at exit and ignores what follows', async () => {
    const text = await session(['/ote help', 'exit', '/ote doel']);
    expect(text).not.toContain('Doel 2025');
  });

  it('shows a refusal and an unknown command politely, without a stack trace', async () => {
    const text = await session(['/ote onzin', '/ote top Amsterdam']);
    expect(text).toContain('Onbekend commando `onzin`'.replace(/`/g, ''));
    expect(text).toContain('verwacht geen tekst als ‘Amsterdam’');
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('the text renderer', () => {
  it('aligns facts and tables and saves charts to a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ote-render-'));
    const text = renderText(
      {
        title: 'Titel',
        visibility: 'ephemeral',
        blocks: [
          { kind: 'facts', facts: [{ label: 'Kort', value: '*1*' }, { label: 'Langer label', value: '2' }] },
          { kind: 'table', columns: [{ header: 'A', align: 'left' }, { header: 'Aantal', align: 'right' }], rows: [['x', '5'], ['yy', '10']] },
          { kind: 'chart', chart: { title: 'Grafiek', fileName: 'g.png', png: new Uint8Array([137, 80, 78, 71]) } },
        ],
      },
      { saveChart: (chart) => join(dir, chart.fileName) },
    );
    expect(text.split('\n')).toEqual([
      'Titel',
      '═════',
      'Kort          1',
      'Langer label  2',
      '',
      'A   Aantal',
      '──  ──────',
      'x        5',
      'yy      10',
      '',
      `📈 Grafiek: ${join(dir, 'g.png')}`,
    ]);
  });
});

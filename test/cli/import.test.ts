// `ote import` end to end, in-process, against a throw-away schema on the real PostgreSQL.
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import writeXlsxFile from 'write-excel-file/node';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAgainstPostgres, type CliDatabase } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ote-import-'));
let cli: CliDatabase;
const HEADER = 'id,occurred_at,municipality,target,outcome,means,postcode4';

function csv(name: string, rows: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, [HEADER, ...rows].join('\n'));
  return path;
}

const ote = (...args: string[]) => cli.ote(...args);
const incidents = async () =>
  (await cli.db.query<{ reference: string; target: string; source: string }>('SELECT reference, target, source FROM incidents ORDER BY reference'));

beforeAll(async () => {
  cli = await cliAgainstPostgres();
});
afterAll(() => cli.dispose());

describe('ote import', () => {
  it('refuses a file with bad rows, lists each by line, and writes nothing', async () => {
    const file = csv('bad.csv', [
      'P-1,2025-03-01T02:30,Rotterdam,woning,explosie,vuurwerk,3011',
      'P-2,2025-03-01T02:30,Nergenshuizen,woning,explosie,,',
      'P-3,morgen,Rotterdam,woning,boem,,',
    ]);
    const result = await ote('import', file);
    expect(result.code).toBe(1);
    expect(result.err).toContain('Import geweigerd: 2 regels zijn ongeldig. Er is niets geschreven.');
    expect(result.err).toContain('regel 3, municipality: onbekende gemeente ‘Nergenshuizen’');
    expect(result.err).toContain('regel 4, outcome: onbekend resultaat');
    expect(result.err).toContain('regel 4, occurred_at:');
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(await incidents()).toEqual([]);
  });

  it('checks only with --dry-run', async () => {
    const file = csv('good.csv', ['P-1,2025-03-01T02:30,Den Bosch,woning,explosie,vuurwerk,5211']);
    const result = await ote('import', file, '--dry-run');
    expect(result.out).toContain('Controle geslaagd: 1 incident in orde');
    expect(await incidents()).toEqual([]);
  });

  it('imports, and on a second run updates instead of duplicating; never loads demo data', async () => {
    const first = await ote('import', csv('v1.csv', [
      'P-1,2025-03-01T02:30,Den Bosch,woning,explosie,vuurwerk,5211',
      'P-2,2025-03-02T03:30,GM0363,bedrijf,poging,,',
    ]));
    expect(first.out).toContain('Geïmporteerd: 2 nieuw, 0 gecorrigeerd, 0 ongewijzigd.');
    const second = await ote('import', csv('v2.csv', [
      'P-1,2025-03-01T02:30,Den Bosch,woning,explosie,vuurwerk,5211',
      'P-2,2025-03-02T03:30,GM0363,voertuig,poging,,',
    ]));
    expect(second.out).toContain('Geïmporteerd: 0 nieuw, 1 gecorrigeerd, 1 ongewijzigd.');
    expect(await incidents()).toEqual([
      { reference: 'P-1', target: 'woning', source: 'import' },
      { reference: 'P-2', target: 'voertuig', source: 'import' },
    ]);
  });

  it('imports a CSV saved by Dutch Excel and a workbook sheet chosen with --blad; refuses a wrong --scheiding', async () => {
    const excelCsv = join(dir, 'politie-export.csv');
    copyFileSync(new URL('../fixtures/politie-export-excel-nl.csv', import.meta.url), excelCsv);
    const wrong = await ote('import', excelCsv, '--scheiding', ',', '--dry-run');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('het scheidingsteken lijkt `;` te zijn');
    const unknown = await ote('import', excelCsv, '--scheiding', '|');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('onbekend scheidingsteken ‘|’');
    expect((await ote('import', excelCsv)).out).toContain('Geïmporteerd: 3 nieuw');

    const workbook = join(dir, 'export.xlsx');
    await writeXlsxFile([
      { sheet: 'Uitleg', data: [[{ value: 'zie blad 2' }]] },
      { sheet: 'Incidenten', data: [['Registratienummer', 'Pleegdatum', 'Gemeente', 'Doelwit', 'Resultaat'].map((value) => ({ value })), ['X-1', '02-03-2025 04:00', 'Almere', 'woning', 'poging'].map((value) => ({ value }))] },
    ]).toFile(workbook);
    const firstSheet = await ote('import', workbook);
    expect(firstSheet.code).toBe(1);
    expect(firstSheet.err).toContain('kopregel klopt niet');
    expect((await ote('import', workbook, '--blad', 'Incidenten')).out).toContain('Geïmporteerd: 1 nieuw');
    expect((await incidents()).map((i) => i.reference)).toEqual(expect.arrayContaining(['PL0100-2025-0001', 'X-1']));
    await cli.db.query("DELETE FROM incident_history WHERE reference IN ('X-1', 'PL0100-2025-0001', 'PL0100-2025-0002', 'PL0100-2025-0003')");
    await cli.db.query("DELETE FROM incidents WHERE reference IN ('X-1', 'PL0100-2025-0001', 'PL0100-2025-0002', 'PL0100-2025-0003')");
  });

  it('says so when the file is missing', async () => {
    const result = await ote('import', join(dir, 'bestaat-niet.csv'));
    expect(result.code).toBe(1);
    expect(result.err).toContain('bestand bestaat niet');
  });

  it('answers /ote doel as of a chosen moment from the imported rows, once the import said which period it covers', async () => {
    // Rows of some March days alone say nothing about January and February: no standing yet.
    const early = await ote('say', '/ote doel', '--at', '2025-03-31T12:00');
    expect(early.out).toMatch(/Voor 2025 is het register nog niet volledig \(volledig t\/m \d+ maart 2025\): er is nog geen stand/);
    expect(early.out).not.toContain('op koers');

    const declared = await ote('import', csv('q1.csv', ['P-1,2025-03-01T02:30,Den Bosch,woning,explosie,vuurwerk,5211']), '--periode', '2025-01-01..2025-03-31');
    expect(declared.out).toContain('Register volledig voor 1 januari 2025 t/m 31 maart 2025.');
    const result = await ote('say', '/ote doel', '--at', '2025-03-31T12:00');
    expect(result.out).toContain('2025 tot nu toe        2');
    expect(result.out).toContain('van 2024 is alleen het jaartotaal bekend');
  });

  it('records the days its rows span without --periode, and refuses a bad --periode naming the option', async () => {
    const spanned = await ote('import', csv('span.csv', ['P-9,2025-04-02T23:30,Rotterdam,woning,poging,,']));
    expect(spanned.out).toContain('Register volledig voor 2 april 2025 t/m 2 april 2025 (de dagen van de regels; geef anders --periode op).');
    const bad = await ote('import', csv('bad-period.csv', ['P-10,2025-04-03T02:30,Rotterdam,woning,poging,,']), '--periode', '2025-06-31..2025-07-01');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--periode: ‘2025-06-31’ is geen geldige datum.');
    expect((await incidents()).map((i) => i.reference)).not.toContain('P-10');
  });
});

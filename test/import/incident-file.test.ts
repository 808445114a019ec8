// Police and Excel exports as partners hand them over: `;` or `,`, BOM, CRLF, Windows-1252, Dutch headers,
// dd-mm-jjjj dates with a separate time column, and .xlsx workbooks made here by the test itself.
import { readFileSync } from 'node:fs';
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { readIncidentFile } from '../../src/import/incident-file.js';
import { testMunicipalities } from '../support/runtime.js';

const NOW = new Date('2025-07-01T12:00:00Z');
const EXCEL_CSV = new URL('../fixtures/politie-export-excel-nl.csv', import.meta.url);
const read = (bytes: Uint8Array | string, name = 'export.csv', options = {}) =>
  readIncidentFile(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes, name, testMunicipalities(), NOW, options);

async function workbook(sheets: { sheet: string; data: unknown[][] }[]): Promise<Buffer> {
  const data = sheets.map(({ sheet, data }) => ({
    sheet,
    data: data.map((row) => row.map((value) => (value === null ? null : value instanceof Date ? { value, format: 'dd-mm-yyyy' } : { value }))),
  }));
  return writeXlsxFile(data as Parameters<typeof writeXlsxFile>[0]).toBuffer();
}

describe('reading the files partners have', () => {
  it('reads a CSV saved by Dutch Excel: `;`, Windows-1252, CRLF, Dutch headers, dd-mm-jjjj and a time column', async () => {
    const result = await read(readFileSync(EXCEL_CSV));
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.incidents.map((i) => [i.reference, i.occurredAt.toISOString(), i.municipalityCode, i.target, i.outcome, i.means, i.postcode4])).toEqual([
      ['PL0100-2025-0001', '2025-03-01T01:30:00.000Z', 'GM0796', 'woning', 'explosie', 'vuurwerk', '5211'],
      ['PL0100-2025-0002', '2025-03-02T02:05:00.000Z', 'GM1900', 'bedrijf', 'poging', 'onbekend', null],
      ['PL0100-2025-0003', '2025-03-14T23:00:00.000Z', 'GM0518', 'voertuig', 'explosie', 'handgranaat', '2512'],
    ]);
  });

  it('reads `,` and `;` alike, with or without a byte-order mark, LF or CRLF', async () => {
    const rows = ['id,occurred_at,municipality,target,outcome,means,postcode4', 'P-1,2025-03-01T02:30,Rotterdam,woning,explosie,,3011'];
    for (const text of [rows.join('\n'), `\ufeff${rows.join('\r\n')}`, rows.map((r) => r.replaceAll(',', ';')).join('\r\n')]) {
      const result = await read(text);
      expect(result, JSON.stringify(text)).toMatchObject({ ok: true, incidents: [{ reference: 'P-1', municipalityCode: 'GM0599' }] });
    }
  });

  it('takes the separator it is told, and says which one the file seems to use when that is wrong', async () => {
    const text = 'registratienummer;pleegdatum;gemeente;doelwit;resultaat\nP-1;01-03-2025 02:30;Rotterdam;woning;explosie';
    expect(await read(text, 'x.csv', { separator: ';' })).toMatchObject({ ok: true });
    const wrong = await read(text, 'x.csv', { separator: ',' });
    expect(wrong).toMatchObject({ ok: false, problems: [{ line: 1 }] });
    expect(!wrong.ok && wrong.problems[0]!.reason).toContain('het scheidingsteken lijkt `;` te zijn');
    expect(!wrong.ok && wrong.problems[0]!.reason).toContain('--scheiding');
  });

  it('says the file is empty, or holds only a header, instead of complaining about columns', async () => {
    for (const text of ['', '\ufeff', '\r\n\r\n', ';;;\r\n']) {
      const result = await read(text);
      expect(result, JSON.stringify(text)).toMatchObject({ ok: false, problems: [{ line: 1, field: '' }] });
      expect(!result.ok && result.problems[0]!.reason).toContain('het bestand is leeg');
    }
    const headerOnly = await read('id;occurred_at;municipality;target;outcome\r\n');
    expect(!headerOnly.ok && headerOnly.problems[0]!.reason).toContain('alleen een kopregel');
  });

  it('names the missing columns with the headers it accepts for them, and the unknown ones', async () => {
    const result = await read('registratienummer;datum van aangifte;gemeente;doelwit\nP-1;x;y;z');
    expect(result).toMatchObject({ ok: false, problems: [{ line: 1 }] });
    const reason = !result.ok ? result.problems[0]!.reason : '';
    expect(reason).toContain('ontbrekende kolommen: occurred_at (of pleegdatum');
    expect(reason).toContain('resultaat');
    expect(reason).toContain('onbekende kolommen: datum van aangifte');
  });

  it('refuses a column named twice, and a time in both the date and the time column', async () => {
    const twice = await read('id;registratienummer;occurred_at;municipality;target;outcome\nP-1;P-1;2025-03-01;Rotterdam;woning;explosie');
    expect(!twice.ok && twice.problems[0]!.reason).toContain('registratienummer');
    const both = await read('id;pleegdatum;pleegtijd;gemeente;doelwit;resultaat\nP-1;01-03-2025 02:30;02:30;Rotterdam;woning;explosie\nP-2;01-03-2025;25:10;Rotterdam;woning;explosie');
    expect(both).toMatchObject({ ok: false, problems: [{ line: 2, field: 'pleegtijd' }, { line: 3, field: 'pleegtijd' }] });
  });

  it('applies the same row checks to every format and names the column as the file writes it', async () => {
    const csv = await read('Registratienummer;Pleegdatum;Pleeggemeente;Doelwit;Resultaat\nP-1;31-02-2025;Nergenshuizen;huis;explosie');
    expect(csv).toMatchObject({ ok: false });
    expect(!csv.ok && csv.problems.map((p) => `${p.line}:${p.field}`)).toEqual(['2:Doelwit', '2:Pleegdatum', '2:Pleeggemeente']);
    const xlsx = await read(
      await workbook([{ sheet: 'Blad1', data: [['Registratienummer', 'Pleegdatum', 'Pleeggemeente', 'Doelwit', 'Resultaat'], ['P-1', '31-02-2025', 'Nergenshuizen', 'huis', 'explosie']] }]),
      'export.xlsx',
    );
    expect(xlsx).toEqual(csv);
  });

  it('reads the first sheet of a workbook made by Excel, with date and time cells', async () => {
    const bytes = await workbook([
      {
        sheet: 'Incidenten',
        data: [
          ['Registratienummer', 'Pleegdatum', 'Pleegtijd', 'Gemeente', 'Doelwit', 'Resultaat', 'Middel', 'Postcode'],
          ['PL-9', new Date(Date.UTC(2025, 2, 1)), '02:30', 'Den Haag', 'Woning', 'Poging', null, 2512],
          [12345, new Date(Date.UTC(2025, 5, 30)), '23:59', 'GM0599', 'bedrijf', 'explosie', 'vuurwerk', null],
        ],
      },
      { sheet: 'Toelichting', data: [['niet dit blad']] },
    ]);
    const result = await read(bytes, 'Export.XLSX');
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.incidents.map((i) => [i.reference, i.occurredAt.toISOString(), i.municipalityCode, i.postcode4])).toEqual([
      ['PL-9', '2025-03-01T01:30:00.000Z', 'GM0518', '2512'],
      ['12345', '2025-06-30T21:59:00.000Z', 'GM0599', null],
    ]);
  });

  it('reads the sheet named or numbered with --blad, and lists the sheets when it does not exist', async () => {
    const bytes = await workbook([
      { sheet: 'Toelichting', data: [['lees dit eerst']] },
      { sheet: 'Incidenten 2025', data: [['id', 'occurred_at', 'municipality', 'target', 'outcome'], ['P-1', '2025-03-01T02:30', 'Rotterdam', 'woning', 'explosie']] },
    ]);
    expect(await read(bytes, 'x.xlsx', { sheet: 'incidenten 2025' })).toMatchObject({ ok: true, incidents: [{ reference: 'P-1' }] });
    expect(await read(bytes, 'x.xlsx', { sheet: '2' })).toMatchObject({ ok: true });
    const missing = await read(bytes, 'x.xlsx', { sheet: 'Blad3' });
    expect(!missing.ok && missing.problems[0]!.reason).toContain('werkblad ‘Blad3’ bestaat niet');
    expect(!missing.ok && missing.problems[0]!.reason).toContain('Toelichting, Incidenten 2025');
  });

  it('explains a file that is no workbook or an old .xls instead of showing the library’s error', async () => {
    const broken = await read(Buffer.from('PK\u0003\u0004 niet echt een zip'), 'x.xlsx');
    expect(!broken.ok && broken.problems[0]!.reason).toContain('geen leesbaar Excel-bestand');
    const xls = await read(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'oud.xls');
    expect(!xls.ok && xls.problems[0]!.reason).toContain('.xlsx');
  });
});

import { describe, expect, it } from 'vitest';
import { readIncidentCsv } from '../../src/import/incident-csv.js';
import { parseOccurredAt } from '../../src/import/incident-rows.js';
import { testMunicipalities } from '../support/runtime.js';

const NOW = new Date('2025-07-01T12:00:00Z');
const HEADER = 'id,occurred_at,municipality,target,outcome,means,postcode4';
const read = (lines: string[]) => readIncidentCsv([HEADER, ...lines].join('\n'), testMunicipalities(), NOW);

describe('reading a police export', () => {
  it('accepts good rows, names people use, and an empty means or postcode', () => {
    const result = read([
      'PL0100-2025-1,2025-03-01T02:30,Den Haag,woning,explosie,vuurwerk,2512',
      'PL0100-2025-2,2025-03-02T03:10:00+01:00,GM0599,Bedrijf,Poging,,',
      'PL0100-2025-3,2025-06-30 23:59,sudwest-fryslan,voertuig,explosie,handgranaat,',
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.incidents.map((i) => i.municipalityCode)).toEqual(['GM0518', 'GM0599', 'GM1900']);
    expect(result.incidents[1]).toMatchObject({ target: 'bedrijf', outcome: 'poging', means: 'onbekend', postcode4: null });
  });

  it('reads a time without an offset as Amsterdam local time, summer and winter', () => {
    expect(parseOccurredAt('2025-01-15T02:30')?.toISOString()).toBe('2025-01-15T01:30:00.000Z');
    expect(parseOccurredAt('2025-07-01T00:20')?.toISOString()).toBe('2025-06-30T22:20:00.000Z');
    expect(parseOccurredAt('2025-07-01T00:20Z')?.toISOString()).toBe('2025-07-01T00:20:00.000Z');
    expect(parseOccurredAt('gisteren')).toBeNull();
  });

  it('refuses a local time in the spring-forward gap instead of storing it as 03:30, in every format', () => {
    expect(parseOccurredAt('2025-03-30T02:30')).toBeNull();
    expect(parseOccurredAt('30-03-2025 02:00')).toBeNull();
    expect(parseOccurredAt('2025-03-30T01:59')?.toISOString()).toBe('2025-03-30T00:59:00.000Z');
    expect(parseOccurredAt('2025-03-30T03:00')?.toISOString()).toBe('2025-03-30T01:00:00.000Z');
    expect(parseOccurredAt('2025-03-30T02:30+01:00')?.toISOString()).toBe('2025-03-30T01:30:00.000Z');
    const result = read(['G-1,2025-03-30T02:30,Rotterdam,woning,explosie,,']);
    expect(result).toMatchObject({ ok: false, problems: [{ line: 2, field: 'occurred_at' }] });
    expect(!result.ok && result.problems[0]!.reason).toContain('bestaat niet in Nederlandse tijd');
  });

  it('lists every bad row by line number, field and reason, and returns no incidents', () => {
    const result = read([
      'A1,2025-03-01T02:30,Amsterdam,woning,explosie,vuurwerk,1012',
      'A2,2025-02-30T02:30,Amstredam,huis,explosie,vuurwerk,1012AB',
      'A3,2025-03-01T02:30,Rotterdam,woning,ontploft,raket,',
      'A1,2025-03-03T02:30,Rotterdam,woning,explosie,,',
      'A5,2031-01-01T00:00,Rotterdam,woning,explosie,,',
      'A6,2025-03-01',
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const found = result.problems.map((p) => `${p.line}:${p.field}`);
    expect(found).toEqual([
      '3:target', '3:postcode4', '3:occurred_at', '3:municipality',
      '4:outcome', '4:means',
      '5:id',
      '6:occurred_at',
      '7:',
    ]);
    expect(result.problems.find((p) => p.field === 'municipality')?.reason).toContain('bedoelde u: Amsterdam');
    expect(result.problems.find((p) => p.line === 5)?.reason).toBe('komt al voor op regel 2');
    expect(result.problems.find((p) => p.line === 6)?.reason).toBe('ligt in de toekomst');
  });

  it('refuses a wrong header before reading rows', () => {
    const result = readIncidentCsv('id,datum van melding,gemeente\nA,b,c', testMunicipalities(), NOW);
    expect(result).toMatchObject({ ok: false, problems: [{ line: 1 }] });
    expect(!result.ok && result.problems[0]?.reason).toContain('ontbrekende kolommen: occurred_at');
    expect(!result.ok && result.problems[0]?.reason).toContain('onbekende kolommen: datum van melding');
  });

  it('survives quotes, a byte-order mark, and broken CSV with a clear message', () => {
    const ok = readIncidentCsv(`\ufeff${HEADER}\n"X,1",2025-03-01T02:30,"Bergen (NH.)",woning,explosie,,`, testMunicipalities(), NOW);
    expect(ok.ok).toBe(false); // a comma is no valid character in an id
    const broken = readIncidentCsv(`${HEADER}\n"A1,2025`, testMunicipalities(), NOW);
    expect(broken).toMatchObject({ ok: false });
    expect(!broken.ok && broken.problems[0]?.reason).toContain('geen geldige CSV');
  });
});

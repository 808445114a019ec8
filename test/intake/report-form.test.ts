import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import {
  parseReportLine,
  REPORT_FIELD_IDS,
  reportForm,
  suggestMunicipalities,
  validateReport,
  valuesFromIncident,
} from '../../src/intake/report-form.js';
import type { IncidentDetail } from '../../src/store/incident-detail.js';
import { testMunicipalities } from '../support/runtime.js';

const NOW = new Date('2025-06-30T10:00:00Z');

describe('the report form', () => {
  it('describes every field with its kind, label and choices, in both languages', () => {
    const nl = reportForm(translator('nl'));
    expect(nl.fields.map((f) => [f.id, f.kind, f.required])).toEqual([
      ['ref', 'text', true],
      ['wanneer', 'datetime', true],
      ['gemeente', 'municipality', true],
      ['doel', 'choice', true],
      ['resultaat', 'choice', true],
      ['middel', 'choice', false],
      ['postcode', 'text', false],
    ]);
    expect(nl.fields.find((f) => f.id === 'doel')!.choices).toEqual([
      { value: 'woning', label: 'Woningen' },
      { value: 'bedrijf', label: 'Bedrijfspanden' },
      { value: 'voertuig', label: 'Voertuigen' },
      { value: 'overig', label: 'Overig' },
    ]);
    const en = reportForm(translator('en'), { ref: 'P-1' });
    expect(en.title).toBe('Report an incident');
    expect(en.fields[0]).toMatchObject({ label: 'Reference', initial: 'P-1', maxLength: 64 });
  });

  it('checks values exactly like the CSV import, with errors by form field', () => {
    const good = validateReport(
      { ref: 'P-1', wanneer: '2025-03-01T02:30', gemeente: 'Den Bosch', doel: 'woning', resultaat: 'poging' },
      testMunicipalities(),
      NOW,
    );
    expect(good).toEqual({
      ok: true,
      incident: {
        reference: 'P-1',
        occurredAt: new Date('2025-03-01T01:30:00Z'),
        municipalityCode: 'GM0796',
        target: 'woning',
        outcome: 'poging',
        means: 'onbekend',
        postcode4: null,
      },
    });
    const bad = validateReport({ ref: 'P 1', wanneer: 'gisteren', gemeente: 'Nergenshuizen', postcode: '2512AB' }, testMunicipalities(), NOW);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['doel', 'gemeente', 'postcode', 'ref', 'resultaat', 'wanneer']);
  });

  it('reads the one-line form, values running to the next field', () => {
    expect(parseReportLine('ref=P-1 wanneer=2025-03-01 02:30 gemeente=Den Haag doel=woning pc4=2512')).toEqual({
      ok: true,
      values: { ref: 'P-1', wanneer: '2025-03-01 02:30', gemeente: 'Den Haag', doel: 'woning', postcode: '2512' },
    });
    expect(parseReportLine('')).toEqual({ ok: true, values: {} });
    expect(parseReportLine('P-1 Den Haag')).toMatchObject({ ok: false, problem: 'no-fields' });
    expect(parseReportLine('ref=P-1 naam=Jan Jansen')).toEqual({ ok: false, problem: 'unknown', detail: 'naam' });
    expect(parseReportLine('ref=P-1 id=P-2')).toEqual({ ok: false, problem: 'duplicate', detail: 'ref' });
  });

  it('turns a stored incident back into values that validate to the same incident, also in the hour that occurs twice', () => {
    // 02:30 on 26 October 2025 happens twice in Amsterdam; this is the second time (CET).
    const stored: IncidentDetail = {
      reference: 'P-9',
      occurredAt: new Date('2025-10-26T01:30:00Z'),
      municipalityCode: 'GM0599',
      target: 'voertuig',
      outcome: 'explosie',
      means: 'handgranaat',
      postcode4: '3011',
      status: 'actief',
      source: 'api',
      version: 1,
      createdAt: NOW,
      updatedAt: NOW,
    };
    const values = valuesFromIncident(stored);
    expect(Object.keys(values)).toEqual([...REPORT_FIELD_IDS]);
    expect(values.wanneer).toBe('2025-10-26T02:30+01:00');
    const again = validateReport(values, testMunicipalities(), new Date('2025-12-01T00:00:00Z'));
    expect(again.ok && again.incident.occurredAt.toISOString()).toBe('2025-10-26T01:30:00.000Z');
  });

  it('suggests municipalities as people type them', () => {
    expect(suggestMunicipalities(testMunicipalities(), 'den haag', 5)[0]).toEqual({ value: 'GM0518', label: "'s-Gravenhage" });
    expect(suggestMunicipalities(testMunicipalities(), '', 25)).toHaveLength(25);
  });
});

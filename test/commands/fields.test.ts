// The one reader of `veld=waarde` text, shared by `/ote interventie`, `/ote maatregel bijwerken` and `/ote melden`.
import { describe, expect, it } from 'vitest';
import { parseFields } from '../../src/commands/fields.js';
import { parseReportLine } from '../../src/intake/report-form.js';

const fields = (text: string, allowed = ['naam', 'status', 'omschrijving', 'kanaal']) => {
  const read = parseFields(text, allowed);
  return read.ok ? { head: read.head, fields: Object.fromEntries(read.fields) } : read;
};

describe('reading veld=waarde', () => {
  it('takes the words before the first field as the head and runs each value to the next field', () => {
    expect(fields('Buurtaanpak Noord status=gepauzeerd omschrijving=Wijkteams na een aanslag kanaal=<#C0TEAM0001|team>')).toEqual({
      head: 'Buurtaanpak Noord',
      fields: { status: 'gepauzeerd', omschrijving: 'Wijkteams na een aanslag', kanaal: '<#C0TEAM0001|team>' },
    });
    expect(fields('alleen een naam')).toEqual({ head: 'alleen een naam', fields: {} });
    expect(fields('')).toEqual({ head: '', fields: {} });
  });

  it('reads names in any case, and takes a value in double quotes as it is', () => {
    expect(fields('X STATUS=actief omschrijving="zie status=gepauzeerd hierboven" naam=Y')).toEqual({
      head: 'X',
      fields: { status: 'actief', omschrijving: 'zie status=gepauzeerd hierboven', naam: 'Y' },
    });
    expect(fields('X omschrijving=""', ['omschrijving'])).toEqual({ head: 'X', fields: { omschrijving: '' } });
  });

  it('refuses an unknown field, a field given twice, an empty value and an unclosed quote, naming the field', () => {
    expect(fields('X kleur=rood')).toEqual({ ok: false, problem: 'unknown', field: 'kleur' });
    expect(fields('X status=actief Status=gestopt')).toEqual({ ok: false, problem: 'duplicate', field: 'status' });
    expect(fields('X status= naam=Y')).toEqual({ ok: false, problem: 'empty', field: 'status' });
    expect(fields('X omschrijving="nooit dicht')).toEqual({ ok: false, problem: 'unclosed', field: 'omschrijving' });
    expect(fields(`X ${'a'.repeat(80)}=1`)).toMatchObject({ ok: false, problem: 'unknown', field: 'a'.repeat(40) });
  });

  it('counts an alias as the field it stands for, and reads empty values where the form allows them', () => {
    const rules = { aliases: { pc4: 'postcode' }, emptyAllowed: true };
    const read = parseFields('pc4=2512 ref=', ['ref', 'postcode'], rules);
    expect(read.ok && Object.fromEntries(read.fields)).toEqual({ postcode: '2512', ref: '' });
    expect(parseFields('postcode=1 pc4=2', ['postcode'], rules)).toEqual({ ok: false, problem: 'duplicate', field: 'postcode' });
  });

  it('is the reader of the report line too, with its refusal of words outside a field', () => {
    expect(parseReportLine('ref=P-1 gemeente="Den Haag" middel=')).toEqual({ ok: true, values: { ref: 'P-1', gemeente: 'Den Haag', middel: '' } });
    expect(parseReportLine('P-1 ref=P-1')).toEqual({ ok: false, problem: 'no-fields', detail: 'P-1' });
    expect(parseReportLine('ref="P-1')).toEqual({ ok: false, problem: 'unclosed', detail: 'ref' });
  });
});

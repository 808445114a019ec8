import { describe, expect, it } from 'vitest';
import { registry } from '../../commands/index.js';
import { parseCommandText } from '../../src/commands/grammar.js';

const parse = (text: string) => parseCommandText(text, registry.find);

describe('the /ote text grammar', () => {
  it('reads a multi-word municipality and a period without quotes', () => {
    expect(parse('/ote gemeente Den Haag 2024')).toEqual({
      ok: true,
      value: { name: 'gemeente', raw: { naam: 'Den Haag', periode: '2024' }, shareInChannel: false },
    });
  });

  it('tells a year (period) from a count', () => {
    const result = parse('/ote top 2024 10');
    expect(result.ok && result.value.raw).toEqual({ periode: '2024', aantal: '10' });
  });

  it('recognises publiek and --lang anywhere', () => {
    const result = parse('ote stats publiek Rotterdam --lang en 2025-q1');
    expect(result).toEqual({
      ok: true,
      value: { name: 'stats', raw: { gemeente: 'Rotterdam', periode: '2025-q1' }, shareInChannel: true, lang: 'en' },
    });
  });

  it('sends a mistyped period to the period option, not to the municipality', () => {
    const result = parse('/ote stats 2025-13');
    expect(result.ok && result.value.raw).toEqual({ periode: '2025-13' });
  });

  it('treats an empty command as help, and names an unknown one', () => {
    expect(parse('/ote').ok && parse('/ote')).toMatchObject({ value: { name: 'help' } });
    expect(parse('/ote bestaatniet x')).toEqual({ ok: false, problem: 'unknown-command', detail: 'bestaatniet' });
    expect(parse('/ote doel --lang fr')).toEqual({ ok: false, problem: 'unknown-lang', detail: 'fr' });
  });

  it('refuses words a command does not take', () => {
    expect(parse('/ote top Amsterdam')).toEqual({ ok: false, problem: 'unexpected-words', detail: 'Amsterdam', command: 'top' });
  });

  it('folds control characters and odd spaces instead of failing', () => {
    const result = parse('/ote\u0000 stats\u200b\tDen\u0007 Haag');
    expect(result.ok && result.value.raw).toEqual({ gemeente: 'Den Haag' });
  });

  it('recognises a time by its shape, valid or not, so 25:00 is a wrong time and no municipality', () => {
    expect(parse('/ote abonneer 25:00').ok && parse('/ote abonneer 25:00')).toMatchObject({ value: { raw: { tijd: '25:00' } } });
    expect(parse('/ote abonneer 7.30 Rotterdam').ok && parse('/ote abonneer 7.30 Rotterdam')).toMatchObject({ value: { raw: { tijd: '7.30', gemeente: 'Rotterdam' } } });
  });

  it('reads a CBS code with or without GM as a municipality, not as a year', () => {
    expect(parse('/ote stats 0599 2024').ok && parse('/ote stats 0599 2024')).toMatchObject({ value: { raw: { gemeente: '0599', periode: '2024' } } });
    expect(parse('/ote gemeente gm0363').ok && parse('/ote gemeente gm0363')).toMatchObject({ value: { raw: { naam: 'gm0363' } } });
  });

  it('refuses a second period as such', () => {
    expect(parse('/ote stats Den Haag 2024 2025')).toEqual({ ok: false, problem: 'second-period', detail: '2024 2025', command: 'stats' });
  });

  it('keeps words that only name what every object has as they were typed', () => {
    for (const words of ['constructor name', 'toString length', '__proto__ constructor']) {
      const result = parse(`/ote stats ${words}`);
      expect(result.ok && result.value.raw, words).toEqual({ gemeente: words });
    }
  });

  it('reads vorige week, vorige maand and vorig jaar, and a single date, as periods', () => {
    for (const [text, token] of [['vorige week', 'vorige-week'], ['Vorige Maand', 'vorige-maand'], ['vorig jaar', 'vorig-jaar'], ['2024-12-25', '2024-12-25']] as const) {
      const result = parse(`/ote stats Rotterdam ${text}`);
      expect(result.ok && result.value.raw, text).toEqual({ gemeente: 'Rotterdam', periode: token });
    }
  });

  it('reads the year of /ote doel as a year, and anything else as words it does not take', () => {
    expect(parse('/ote doel 2025').ok && parse('/ote doel 2025')).toMatchObject({ value: { raw: { jaar: '2025' } } });
    expect(parse('/ote doel Rotterdam')).toEqual({ ok: false, problem: 'unexpected-words', detail: 'Rotterdam', command: 'doel' });
  });

  it('says when --lang has no value', () => {
    expect(parse('/ote doel --lang')).toEqual({ ok: false, problem: 'missing-lang', detail: '' });
  });

  it('reads options by name, as `veld=waarde`, alone or after words read by shape', () => {
    expect(parse('/ote stats gemeente=Den Haag periode=2025-Q3')).toEqual({
      ok: true,
      value: { name: 'stats', raw: { gemeente: 'Den Haag', periode: '2025-q3' }, shareInChannel: false },
    });
    expect(parse('/ote top 2025 Aantal=5').ok && parse('/ote top 2025 Aantal=5')).toMatchObject({ value: { raw: { periode: '2025', aantal: '5' } } });
    expect(parse('/ote gemeente Rotterdam periode=vorige week publiek')).toMatchObject({
      ok: true,
      value: { raw: { naam: 'Rotterdam', periode: 'vorige-week' }, shareInChannel: true },
    });
    // A wrong period given by name is the period's to refuse, with its own examples.
    expect(parse('/ote stats periode=2025-13').ok && parse('/ote stats periode=2025-13')).toMatchObject({ value: { raw: { periode: '2025-13' } } });
  });

  it('refuses a name the command does not take, and an option given twice, naming it', () => {
    expect(parse('/ote stats gemeente=Rotterdam peroide=2025')).toEqual({ ok: false, problem: 'unexpected-words', detail: 'peroide=', command: 'stats' });
    expect(parse('/ote stats Rotterdam gemeente=Utrecht')).toEqual({ ok: false, problem: 'repeated-option', detail: 'gemeente', command: 'stats' });
    expect(parse('/ote top aantal=5 aantal=6')).toEqual({ ok: false, problem: 'repeated-option', detail: 'aantal', command: 'top' });
    expect(parse('/ote stats 2024 periode=2025')).toEqual({ ok: false, problem: 'second-period', detail: '2024 2025', command: 'stats' });
    expect(parse('/ote stats Rotterdam periode=')).toEqual({ ok: false, problem: 'unexpected-words', detail: 'periode=', command: 'stats' });
  });

  it('leaves `veld=waarde` to commands that read a line of fields themselves', () => {
    expect(parse('/ote melden ref=P-1 gemeente=Den Haag doel=woning')).toMatchObject({
      ok: true,
      value: { name: 'melden', raw: { formulier: 'ref=P-1 gemeente=Den Haag doel=woning' } },
    });
  });
});


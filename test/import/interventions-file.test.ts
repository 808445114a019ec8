import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readInterventionsFile } from '../../src/import/interventions-file.js';

describe('the interventions file', () => {
  it('reads the shipped example: 8 interventions, standard milestones where none are given', () => {
    const result = readInterventionsFile(readFileSync(new URL('../../examples/interventies.yaml', import.meta.url), 'utf8'));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.interventions).toHaveLength(8);
    expect(result.interventions[0]!.milestones.map((m) => m.day)).toEqual([0, 30, 50, 75, 90, 100]);
    expect(result.interventions[3]!.milestones.find((m) => m.day === 14)).toMatchObject({ kind: 'eigen', title: 'Werkafspraken vastgesteld' });
    expect(result.interventions[6]!.channel).toBe('discord:123456789012345678');
    expect(result.interventions[7]!.milestones.map((m) => m.day)).toEqual([0, 36, 60, 90, 108, 120]);
  });

  it('reads JSON as well, and a pasted Slack channel mention', () => {
    const json = JSON.stringify({ interventies: [{ naam: 'Eén', kanaal: '<#C0123ABCD|team-een>', start: '2025-04-07', duur: 60 }] });
    const result = readInterventionsFile(json);
    expect(result.ok && result.interventions[0]).toMatchObject({ channel: 'slack:C0123ABCD', lengthDays: 60, status: 'actief' });
  });

  it('reads the language and the team roles, and refuses an unknown role', () => {
    const json = JSON.stringify({ interventies: [{ naam: 'Eén', kanaal: 'slack:C0123ABCD', start: '2025-04-07', taal: 'en', team: ['politie', 'gemeente'] }] });
    const result = readInterventionsFile(json);
    expect(result.ok && result.interventions[0]).toMatchObject({ lang: 'en', teamRoles: ['politie', 'gemeente'] });
    const bad = readInterventionsFile(JSON.stringify({ interventies: [{ naam: 'Twee', kanaal: 'slack:C0123ABCD', start: '2025-04-07', team: ['buren'] }] }));
    expect(bad.ok).toBe(false);
  });

  it('lists every problem by place and line, and accepts nothing', () => {
    const yaml = [
      'interventies:', //                                  1
      '  - naam: Twee', //                                  2
      '    kanaal: slack:C0123ABCD', //                     3
      '    start: 2025-04-07', //                           4
      '  - naam: Drie', //                                  5
      '    kanaal: telefoon', //                            6
      '    start: 2025-02-30', //                           7
      '    kleur: rood', //                                 8
      '    mijlpalen:', //                                  9
      '      - { dag: 0, soort: kickoff }', //            10
      '      - { dag: 0, titel: Nog een }', //            11
      '      - { dag: 130, titel: Te laat }', //          12
      '      - { dag: 40 }', //                           13
      '  - naam: twee', //                                 14
      '    kanaal: discord:123456789012345678', //         15
      '    start: 2025-04-07', //                          16
    ].join('\n');
    const result = readInterventionsFile(yaml);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const places = result.problems.map((p) => `${p.place}@${p.line}`);
    expect(places).toEqual([
      'interventies[1].kanaal@6',
      'interventies[1].start@7',
      'interventies[1].kleur@8',
      'interventies[1].mijlpalen[1].dag@11',
      'interventies[1].mijlpalen[2].dag@12',
      'interventies[1].mijlpalen[3].titel@13',
      'interventies[2].naam@14',
    ]);
    expect(result.problems.find((p) => p.place === 'interventies[1].mijlpalen[2].dag')!.reason).toBe('geef een dag van 0 tot en met 100');
    expect(result.problems.find((p) => p.place === 'interventies[2].naam')!.reason).toContain('interventies[0]');
  });

  it('says where the syntax breaks', () => {
    const result = readInterventionsFile('interventies:\n  - naam: [open\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ place: '', line: expect.any(Number) });
  });

  it('refuses an empty file and a wrong top level', () => {
    for (const text of ['', 'interventie: []', '- naam: x']) expect(readInterventionsFile(text).ok).toBe(false);
  });
});

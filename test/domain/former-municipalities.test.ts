// Municipalities merged since 2021 (reference/gemeenten-opgeheven-2022-2023.csv): their names and codes
// lead to today's municipality in every lookup, and an exact former name beats a close current one.
import { describe, expect, it } from 'vitest';
import { loadFormerMunicipalities } from '../../src/reference/municipalities.js';
import { testMunicipalities } from '../support/runtime.js';

const index = testMunicipalities();

describe('former municipalities', () => {
  it('are the 14 merged from 2022 to 2023, each into one of today’s 342', () => {
    const former = loadFormerMunicipalities();
    expect(former).toHaveLength(14);
    for (const f of former) expect(index.byCode(f.mergedInto), f.name).toBeDefined();
    expect(index.all()).toHaveLength(342);
  });

  it.each([
    ['Weesp', 'GM0363', '2022-03-24'],
    ['weesp', 'GM0363', '2022-03-24'],
    ['GM0457', 'GM0363', '2022-03-24'],
    ['Uden', 'GM1991', '2022-01-01'],
    ['Heerhugowaard', 'GM1980', '2022-01-01'],
    ['Brielle', 'GM1992', '2023-01-01'],
    ['Mill en Sint Hubert', 'GM1982', '2022-01-01'],
  ])('%s is today’s %s, since %s', (name, code, since) => {
    const found = index.resolve(name);
    expect(found).toMatchObject({ ok: true, municipality: { code }, former: { since } });
  });

  it('leaves today’s names alone: Amsterdam is no former municipality, and Weert stays Weert', () => {
    expect(index.resolve('Amsterdam')).toEqual({ ok: true, municipality: index.byCode('GM0363') });
    expect(index.resolve('Weert')).toEqual({ ok: true, municipality: index.byCode('GM0988') });
  });
});

import { describe, expect, it } from 'vitest';
import { loadMunicipalities, parseMunicipalitiesCsv } from '../../src/reference/municipalities.js';

describe('loadMunicipalities', () => {
  it('reads the 342 municipalities of 2025 with valid, unique codes', () => {
    const list = loadMunicipalities();
    expect(list).toHaveLength(342);
    expect(list.every((m) => /^GM\d{4}$/.test(m.code))).toBe(true);
    expect(new Set(list.map((m) => m.code)).size).toBe(342);
    expect(list).toContainEqual({ code: 'GM0518', name: "'s-Gravenhage", province: 'Zuid-Holland' });
    expect(list).toContainEqual({ code: 'GM1900', name: 'Súdwest-Fryslân', province: 'Friesland' });
    // a quoted name with a comma
    expect(list).toContainEqual({ code: 'GM0820', name: 'Nuenen, Gerwen en Nederwetten', province: 'Noord-Brabant' });
  });
});

describe('parseMunicipalitiesCsv', () => {
  const header = 'code,naam,provincie\n';

  it('accepts a valid list of the expected length', () => {
    expect(parseMunicipalitiesCsv(`${header}GM0363,Amsterdam,Noord-Holland\n`, 1)).toEqual([
      { code: 'GM0363', name: 'Amsterdam', province: 'Noord-Holland' },
    ]);
  });

  it('rejects a bad code, an unknown province, duplicates and a wrong count', () => {
    expect(() => parseMunicipalitiesCsv(`${header}0363,Amsterdam,Noord-Holland\n`, 1)).toThrow(/line 2.*code/);
    expect(() => parseMunicipalitiesCsv(`${header}GM0363,Amsterdam,Holland\n`, 1)).toThrow(/line 2.*provincie/);
    expect(() => parseMunicipalitiesCsv(`${header}GM0363,Amsterdam,Noord-Holland\nGM0363,Amstel,Noord-Holland\n`, 2)).toThrow(/duplicate code/);
    expect(() => parseMunicipalitiesCsv(`${header}GM0363,Amsterdam,Noord-Holland\n`)).toThrow(/expected 342 rows, found 1/);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateDemoRegister, type DemoArrests } from '../../src/domain/demo-register.js';
import { rankMunicipalities } from '../../src/domain/ranking.js';
import { localInstant, localParts } from '../../src/domain/local-time.js';
import { breakdown, nightShare } from '../../src/domain/statistics.js';
import { targetProgress } from '../../src/domain/target-progress.js';
import type { Incident } from '../../src/domain/types.js';

const municipalities = readFileSync(new URL('../../reference/gemeenten-2025.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [code, name] = line.split(',');
    return { code: code!, name: name! };
  });

const until = localInstant(2026, 11, 27, 18);
const started = performance.now();
const demo = generateDemoRegister({ until, municipalities });
const elapsed = performance.now() - started;

const ofYear = (year: number): Incident[] => demo.incidents.filter((i) => localParts(i.occurredAt).year === year);
const arrestsBetween = (arrests: DemoArrests[], from: string, to: string): number =>
  arrests.filter((a) => a.date >= from && a.date <= to).reduce((sum, a) => sum + a.count, 0);

describe('generateDemoRegister', () => {
  it('is fast', () => {
    expect(elapsed).toBeLessThan(1000);
  });

  it('has the published yearly totals', () => {
    expect(ofYear(2023)).toHaveLength(901);
    expect(ofYear(2024)).toHaveLength(1543);
    expect(ofYear(2025).length).toBeGreaterThan(1300);
    expect(ofYear(2025).length).toBeLessThan(1388);
    expect(ofYear(2026).length).toBeGreaterThan(1000);
  });

  it('splits 2024 by target exactly', () => {
    expect(breakdown(ofYear(2024)).byTarget).toEqual({ woning: 1119, bedrijf: 230, voertuig: 154, overig: 40 });
  });

  it('has the top five of 2024 in order, with clear gaps, everyone else below', () => {
    const ranked = rankMunicipalities(ofYear(2024));
    expect(ranked.slice(0, 5).map((r) => r.municipalityCode)).toEqual(['GM0363', 'GM0599', 'GM0518', 'GM0034', 'GM0796']);
    for (let i = 1; i < 5; i++) expect(ranked[i - 1]!.count - ranked[i]!.count).toBeGreaterThanOrEqual(10);
    expect(ranked[4]!.count).toBeGreaterThan(ranked[5]!.count);
    expect(ranked.length).toBeGreaterThan(100);
  });

  it('has the arrests of 2024 and of 2025 until April', () => {
    expect(arrestsBetween(demo.arrests, '2024-01-01', '2024-12-31')).toBe(315);
    expect(arrestsBetween(demo.arrests, '2025-01-01', '2025-04-30')).toBe(83);
    const perMonth = arrestsBetween(demo.arrests, '2025-05-01', '2026-10-31') / 18;
    expect(perMonth).toBeGreaterThan(15);
    expect(perMonth).toBeLessThan(40);
    expect(demo.arrests.every((a) => a.count > 0 && /^\d{4}-\d{2}-\d{2}$/.test(a.date))).toBe(true);
  });

  it('is deterministic', () => {
    const again = generateDemoRegister({ until, municipalities });
    expect(again).toEqual(demo);
  });

  it('stops at until and keeps earlier data unchanged', () => {
    expect(demo.incidents.every((i) => i.occurredAt.getTime() < until.getTime())).toBe(true);
    expect(demo.arrests.every((a) => a.date <= '2026-11-27')).toBe(true);
    const early = generateDemoRegister({ until: localInstant(2025, 5, 1), municipalities });
    expect(early.incidents.every((i) => i.occurredAt < localInstant(2025, 5, 1))).toBe(true);
    expect(early.incidents).toEqual(demo.incidents.slice(0, early.incidents.length));
    expect(arrestsBetween(early.arrests, '2025-01-01', '2025-12-31')).toBe(83);
    expect(generateDemoRegister({ until: localInstant(2023, 1, 1), municipalities }).incidents).toEqual([]);
  });

  it('has most attacks between 02:00 and 05:00 and in the fireworks season', () => {
    for (const year of [2023, 2024, 2025]) {
      const rows = ofYear(year);
      expect(nightShare(rows)).toBeGreaterThan(0.5);
      const season = rows.filter((i) => [10, 11, 12, 1].includes(localParts(i.occurredAt).month));
      expect(season.length / rows.length).toBeGreaterThan(0.5);
    }
  });

  it('has a realistic mix of means and outcomes', () => {
    const b = breakdown(ofYear(2024));
    expect(b.byMeans.vuurwerk / b.total).toBeCloseTo(0.8, 2);
    expect(b.byMeans.explosief + b.byMeans.handgranaat + b.byMeans.onbekend).toBe(b.total - b.byMeans.vuurwerk);
    expect(b.byOutcome.explosie / b.total).toBeCloseTo(0.7, 2);
  });

  it('has unique, well-formed rows without personal data', () => {
    const refs = new Set(demo.incidents.map((i) => i.reference));
    expect(refs.size).toBe(demo.incidents.length);
    expect(demo.incidents[0]!.reference).toBe('DEMO-2023-00001');
    expect(ofYear(2024)[0]!.reference).toBe('DEMO-2024-00001');
    expect(demo.incidents.every((i) => i.postcode4 === null && i.status === 'actief' && i.source === 'demo')).toBe(true);
    const codes = new Set(municipalities.map((m) => m.code));
    expect(demo.incidents.every((i) => codes.has(i.municipalityCode))).toBe(true);
  });

  it('keeps 2025 on course for the 1,388 cap at every month end', () => {
    const target = { year: 2025, baselineYear: 2024, reductionPercent: 10 };
    for (let month = 2; month <= 13; month++) {
      const p = targetProgress({
        target,
        asOf: localInstant(2025, month, 1),
        currentYear: ofYear(2025),
        baseline: { kind: 'register', incidents: ofYear(2024) },
      });
      expect(p.status).toBe('op-koers');
    }
  });
});

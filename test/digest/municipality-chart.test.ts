// A digest narrowed to a municipality carries that municipality's chart (its attacks this year against the
// same days of last year), not the national target chart; a chart drawn from demo data says so on the image.
// Incidents built here; the PNGs are decoded and their pixels counted, and saved for a look when asked.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/build.js';
import { municipalityPaths } from '../../src/domain/municipality-paths.js';
import type { Chart, Reply } from '../../src/render/reply.js';
import { SERIES_COLORS } from '../../src/render/target-chart.js';
import { declareCoverage } from '../../src/store/coverage.js';
import { upsertIncidents, type IncidentInput } from '../../src/store/incidents.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { testMunicipalities } from '../support/runtime.js';
import { countPixels, decodePng, hexColor } from '../render/png.js';

const AT = new Date('2025-06-10T06:00:00Z'); // 10 June 2025, 08:00 in Amsterdam
const ROTTERDAM = 'GM0599';
const AMSTERDAM = 'GM0363';

function incident(reference: string, iso: string, municipalityCode: string): IncidentInput {
  return { reference, occurredAt: new Date(iso), municipalityCode, target: 'woning', outcome: 'explosie', means: 'vuurwerk', postcode4: null };
}

/** 2024: Rotterdam 4 (one on 29 February), Amsterdam 6; 2025 until 10 June: Rotterdam 3, Amsterdam 9. */
const ROWS: IncidentInput[] = [
  incident('R24-1', '2024-01-10T02:00:00Z', ROTTERDAM),
  incident('R24-2', '2024-02-29T02:00:00Z', ROTTERDAM),
  incident('R24-3', '2024-05-01T02:00:00Z', ROTTERDAM),
  incident('R24-4', '2024-11-01T02:00:00Z', ROTTERDAM),
  ...Array.from({ length: 6 }, (_, i) => incident(`A24-${i}`, `2024-0${i + 1}-15T02:00:00Z`, AMSTERDAM)),
  incident('R25-1', '2025-01-01T00:30:00+01:00', ROTTERDAM), // just after local midnight: 1 January
  incident('R25-2', '2025-03-03T02:00:00Z', ROTTERDAM),
  incident('R25-3', '2025-06-09T22:30:00Z', ROTTERDAM), // 10 June 00:30 local, before the digest
  ...Array.from({ length: 9 }, (_, i) => incident(`A25-${i}`, `2025-0${(i % 5) + 1}-20T02:00:00Z`, AMSTERDAM)),
];

const chartOf = (reply: Reply): Chart => {
  const block = reply.blocks.find((b) => b.kind === 'chart');
  if (block?.kind !== 'chart') throw new Error('no chart');
  return block.chart;
};
const save = (chart: Chart, name: string) => {
  if (process.env.SAVE_CHARTS) writeFileSync(`${process.env.SAVE_CHARTS}/${name}`, chart.png);
};
/** Pixels of the demo stamp's red at the right of the legend row. */
const stampPixels = (chart: Chart) => {
  const [r, g, b] = hexColor('#c0392b');
  return countPixels(decodePng(chart.png), { left: 700, top: 92, right: 1200, bottom: 140 }, (pr, pg, pb) => Math.abs(pr - r) < 30 && Math.abs(pg - g) < 30 && Math.abs(pb - b) < 30);
};

describe('the chart of a municipality', () => {
  it('counts the municipality per local day, this year and the same days of last year', () => {
    const counted = ROWS.map(({ reference: _, postcode4: __, ...rest }) => rest);
    const paths = municipalityPaths(counted, ROTTERDAM, 2025, AT);
    expect(paths.days).toHaveLength(365);
    expect(paths.total).toBe(3);
    const at = (day: string) => paths.days.indexOf(day);
    expect(paths.current[at('2025-01-01')]).toBe(1);
    expect(paths.current[at('2025-06-10')]).toBe(3);
    expect(paths.current[at('2025-06-11')]).toBeNull();
    expect(paths.previous[at('2025-02-27')]).toBe(1);
    expect(paths.previous[at('2025-02-28')]).toBe(2); // 29 February 2024 counts on the 28th
    expect(paths.previous[at('2025-12-31')]).toBe(4);
  });

  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb('pglite');
    // The 2025 target (10% fewer than 2024) comes with the first migration.
    await upsertIncidents(db, ROWS, 'import', 'test');
    // The register is complete from 1 January 2024 through the digest's moment.
    await declareCoverage(db, { from: new Date('2023-12-31T23:00:00Z'), to: AT }, 'import', 'test');
  });
  afterAll(() => db.dispose());

  it('carries the municipality’s chart in a digest narrowed to it, and the national target chart otherwise', async () => {
    const national = chartOf(await buildDigest(db, testMunicipalities(), { at: AT, lang: 'nl' }));
    const local = chartOf(await buildDigest(db, testMunicipalities(), { at: AT, lang: 'nl', municipalityCode: ROTTERDAM }));
    save(national, 'national.png');
    save(local, 'rotterdam.png');
    expect(national.title).toBe('Aanslagen 2025, opgeteld per dag');
    expect(local.title).toBe('Aanslagen in Rotterdam 2025, opgeteld per dag');
    expect(local.fileName).toBe('ote-overzicht-2025-06-10-gm0599.png');
    // The national chart has the orange target path; the municipality's has none.
    const [r, g, b] = hexColor(SERIES_COLORS.targetPath);
    const orange = (chart: Chart) => countPixels(decodePng(chart.png), { left: 96, top: 150, right: 1070, bottom: 610 }, (pr, pg, pb) => Math.abs(pr - r) < 25 && Math.abs(pg - g) < 25 && Math.abs(pb - b) < 25);
    expect(orange(national)).toBeGreaterThan(500);
    expect(orange(local)).toBe(0);
    expect(Buffer.from(local.png).equals(Buffer.from(national.png))).toBe(false);
    const amsterdam = chartOf(await buildDigest(db, testMunicipalities(), { at: AT, lang: 'en', municipalityCode: AMSTERDAM }));
    expect(amsterdam.title).toBe('Attacks in Amsterdam 2025, cumulative by day');
    expect(stampPixels(local)).toBe(0);
  });

  it('says on the image when it was drawn from demo data', async () => {
    await upsertIncidents(db, [incident('DEMO-1', '2025-04-01T02:00:00Z', ROTTERDAM)], 'demo', 'demo');
    const national = chartOf(await buildDigest(db, testMunicipalities(), { at: AT, lang: 'nl' }));
    const local = chartOf(await buildDigest(db, testMunicipalities(), { at: AT, lang: 'nl', municipalityCode: ROTTERDAM }));
    save(national, 'national-demo.png');
    save(local, 'rotterdam-demo.png');
    expect(stampPixels(national)).toBeGreaterThan(300);
    expect(stampPixels(local)).toBeGreaterThan(300);
  });
});

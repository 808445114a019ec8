// The figures commands read counts (stats, gemeente and top through src/figures/period.ts and the ranking
// of counts); on random registers they must say exactly what counting the rows says, for periods as
// partners type them (whole years, months, quarters, ranges, and periods that end now, mid-day).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod, samePeriodPreviousYear, type Period } from '../../src/domain/period.js';
import { rankingOfCounts, rankingWithCut } from '../../src/domain/ranking.js';
import { seededRandom } from '../../src/domain/seeded-random.js';
import { breakdown, countByLocalMonthKey } from '../../src/domain/statistics.js';
import { MEANS, OUTCOMES, TARGETS } from '../../src/domain/types.js';
import { loadPeriodFigures } from '../../src/figures/period.js';
import { loadMunicipalities } from '../../src/reference/municipalities.js';
import { countByMunicipality } from '../../src/store/incident-counts.js';
import { countedIncidents, upsertIncidents, withdrawIncident, type IncidentInput } from '../../src/store/incidents.js';
import { DB_KINDS, openTestDb, type TestDb } from '../support/db.js';

const NOW = new Date('2025-06-30T10:17:00Z');
const PERIODS = ['2024', '2025', '2025-03', '2024-10', '2025-Q1', '2024-Q4', 'jaar', 'maand', 'week', '7d', '30d', 'gisteren', '2024-03-25..2024-04-02', '2024-10-20..2024-11-03'];

function randomRegister(seed: number, count: number): IncidentInput[] {
  const random = seededRandom(seed);
  const codes = loadMunicipalities().slice(0, 12).map((m) => m.code);
  const from = Date.parse('2023-01-01T00:00:00Z');
  const span = NOW.getTime() - from;
  return Array.from({ length: count }, (_, i) => ({
    reference: `FIG-${seed}-${i}`,
    occurredAt: new Date(from + Math.floor(random() * span)),
    municipalityCode: codes[Math.floor(random() ** 2 * codes.length)]!,
    target: TARGETS[Math.floor(random() * TARGETS.length)]!,
    outcome: OUTCOMES[Math.floor(random() * OUTCOMES.length)]!,
    means: MEANS[Math.floor(random() * MEANS.length)]!,
    postcode4: null,
  }));
}

const period = (token: string): Period => {
  const parsed = parsePeriod(token, NOW);
  if (!parsed.ok) throw new Error(token);
  return parsed.period;
};

describe.each(DB_KINDS)('figures from counts on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
    const register = [...randomRegister(5, 700), ...randomRegister(6, 700)];
    await db.transaction((tx) => upsertIncidents(tx, register, 'import', 'test'));
    for (const incident of register.filter((_, i) => i % 11 === 0)) await withdrawIncident(db, incident.reference, 'test', 'test');
  });
  afterAll(async () => {
    await db.dispose();
  });

  it.each(PERIODS)('stats, gemeente and top for %s equal the counting of the rows', async (token) => {
    const p = period(token);
    const previous = samePeriodPreviousYear(p);
    for (const municipalityCode of [undefined, ...loadMunicipalities().slice(0, 3).map((m) => m.code)]) {
      const figures = await loadPeriodFigures(db, p, municipalityCode);
      const rows = await countedIncidents(db, p.start, p.end, municipalityCode);
      expect(figures.current).toEqual(breakdown(rows));
      expect([...figures.months]).toEqual([...countByLocalMonthKey(rows)]);
      if (figures.previousFigure.kind === 'register') {
        expect(figures.previousFigure.count).toBe((await countedIncidents(db, previous.start, previous.end, municipalityCode)).length);
      }
    }
    const name = (code: string) => loadMunicipalities().find((m) => m.code === code)?.name ?? code;
    expect(rankingOfCounts(await countByMunicipality(db, p.start, p.end), 10, name)).toEqual(rankingWithCut(await countedIncidents(db, p.start, p.end), 10, name));
  });
});

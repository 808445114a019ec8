// Every figures command reads counts (stats, gemeente with its profile, top, doel, the figures of
// incidenten, the digest); on random registers with corrections and withdrawals they must say exactly
// what counting the rows with plain SQL says, for periods as partners type them (whole years, months,
// quarters, ranges, and periods that end now, mid-day) and moments that cut days, summer time included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandText } from '../../src/commands/dispatch.js';
import { isCovered } from '../../src/domain/coverage.js';
import { digestCountsOf, digestModel, digestWindows } from '../../src/domain/digest.js';
import { localInstant, localParts } from '../../src/domain/local-time.js';
import { municipalityPaths, municipalityPathsOfDays } from '../../src/domain/municipality-paths.js';
import { scopeOf } from '../../src/domain/policy.js';
import { countPerMonth } from '../../src/domain/tally.js';
import { chooseBaselineSource, cumulativePaths, targetProgress } from '../../src/domain/target-progress.js';
import { loadDigestCounts, loadMunicipalityDays } from '../../src/digest/counts.js';
import { loadMunicipalityProfile } from '../../src/figures/profile.js';
import { loadTargetProgress } from '../../src/figures/target.js';
import { translator } from '../../src/i18n/index.js';
import { formatNumber } from '../../src/render/format.js';
import { smallNumbers } from '../../src/render/small-numbers.js';
import { registerCoverage, declareCoverage } from '../../src/store/coverage.js';
import { publishedTotals } from '../../src/store/targets.js';
import { actor, testMunicipalities, testRuntime } from '../support/runtime.js';
import { parsePeriod, samePeriodPreviousYear, type Period } from '../../src/domain/period.js';
import { municipalityProfile, rankingOfCounts, rankingWithCut, rankMunicipalities } from '../../src/domain/ranking.js';
import { seededRandom } from '../../src/domain/seeded-random.js';
import { breakdown, countByLocalMonth, countByLocalMonthKey } from '../../src/domain/statistics.js';
import { MEANS, OUTCOMES, TARGETS, type CountedIncident } from '../../src/domain/types.js';
import { loadPeriodFigures } from '../../src/figures/period.js';
import { loadMunicipalities } from '../../src/reference/municipalities.js';
import { attachCountMirror } from '../../src/store/count-mirror.js';
import { countByMunicipality } from '../../src/store/incident-counts.js';
import { countedIncidents, upsertIncidents, withdrawIncident, type IncidentInput } from '../../src/store/incidents.js';
import { DB_KINDS, openTestDb, type TestDb } from '../support/db.js';

const NOW = new Date('2025-06-30T10:17:00Z');
// In the database (one-shot commands) and in memory (a long-running process, src/store/count-mirror.ts).
const COUNTED_IN = DB_KINDS.flatMap((kind) => [[kind, 'the database'], [kind, 'memory']] as const);
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

describe.each(COUNTED_IN)('figures from counts on %s, counted in %s', (kind, where) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
    if (where === 'memory') attachCountMirror(db);
    const register = [...randomRegister(5, 700), ...randomRegister(6, 700)];
    await db.transaction((tx) => upsertIncidents(tx, register, 'import', 'test'));
    // Corrections move an incident to another moment, municipality and target; withdrawals take it out.
    const moved = randomRegister(7, register.length).map((other, i) => ({ ...other, reference: register[i]!.reference }));
    await db.transaction((tx) => upsertIncidents(tx, moved.filter((_, i) => i % 7 === 0), 'import', 'test'));
    for (const incident of register.filter((_, i) => i % 11 === 0)) await withdrawIncident(db, incident.reference, 'test', 'test');
    await declareCoverage(db, { from: localInstant(2023, 1, 1), to: localInstant(2025, 7, 1) }, 'import', 'test');
    await db.query('INSERT INTO targets (year, baseline_year, reduction_percent) VALUES (2024, 2023, 10)');
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

const MOMENTS = [
  NOW,
  new Date('2025-03-30T01:30:00Z'), // the morning summer time begins
  new Date('2024-10-27T01:30:00Z'), // the morning it ends
  new Date('2025-02-28T23:59:00Z'), // 00:59 on 1 March, local
  new Date('2024-02-29T12:00:00Z'), // a leap day, compared with a year without one
  new Date('2025-01-01T05:00:00Z'),
  new Date('2025-09-15T08:00:00Z'), // past the coverage
  new Date('2026-02-10T08:00:00Z'), // after the target year
];

describe.each(COUNTED_IN)('the other figures from counts on %s, counted in %s', (kind, where) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
    if (where === 'memory') attachCountMirror(db);
    const register = randomRegister(8, 1200);
    await db.transaction((tx) => upsertIncidents(tx, register, 'import', 'test'));
    const moved = randomRegister(9, register.length).map((other, i) => ({ ...other, reference: register[i]!.reference }));
    await db.transaction((tx) => upsertIncidents(tx, moved.filter((_, i) => i % 5 === 0), 'import', 'test'));
    for (const incident of register.filter((_, i) => i % 9 === 0)) await withdrawIncident(db, incident.reference, 'test', 'test');
    await declareCoverage(db, { from: localInstant(2023, 1, 1), to: localInstant(2025, 7, 1) }, 'import', 'test');
    await db.query('INSERT INTO targets (year, baseline_year, reduction_percent) VALUES (2024, 2023, 10)');
  });
  afterAll(async () => {
    await db.dispose();
  });

  it.each(MOMENTS.flatMap((at) => [2024, 2025].map((year) => [at.toISOString(), year] as const)))('doel at %s for %i equals the counting of the rows', async (iso, year) => {
    const asOf = new Date(iso);
    const loaded = await loadTargetProgress(db, asOf, year);
    if (loaded.kind !== 'progress') return expect(asOf.getTime()).toBeLessThan(localInstant(year, 1, 1).getTime());
    const { input } = loaded;
    const baselineStart = localInstant(input.target.baselineYear, 1, 1);
    const baselineEnd = localInstant(input.target.baselineYear + 1, 1, 1);
    const currentRows = await countedIncidents(db, localInstant(year, 1, 1), input.coveredThrough!);
    const baseline = chooseBaselineSource({
      registerIncidents: await countedIncidents(db, baselineStart, baselineEnd),
      published: await publishedTotals(db, input.target.baselineYear),
      registerComplete: isCovered(await registerCoverage(db), baselineStart, baselineEnd),
    })!;
    const fromRows = { ...input, currentYear: currentRows, baseline };
    expect(loaded.progress).toEqual(targetProgress(fromRows));
    expect(cumulativePaths(input)).toEqual(cumulativePaths(fromRows));
    expect(countPerMonth(input.currentYear, year)).toEqual(countByLocalMonth(currentRows, year));
    if (loaded.laterYear) {
      const later = loaded.laterYear;
      expect(later.count).toBe((await countedIncidents(db, localInstant(later.year, 1, 1), later.standsOn)).length);
    }
  });

  it.each(PERIODS)('the profile of gemeente and the figures of incidenten for %s equal the counting of the rows', async (token) => {
    const p = period(token);
    const all = await countedIncidents(db, p.start, p.end);
    for (const code of loadMunicipalities().slice(0, 4).map((m) => m.code)) {
      const own = all.filter((i) => i.municipalityCode === code);
      const profile = await loadMunicipalityProfile(db, p, code, loadPeriodFigures(db, p, code));
      expect(profile).toEqual(municipalityProfile(own, all, p));
    }
    for (const code of [undefined, loadMunicipalities()[0]!.code]) {
      const rows = code ? all.filter((i) => i.municipalityCode === code) : all;
      const who = actor('partner');
      const reply = await runCommandText(`/ote incidenten ${code ? testMunicipalities().byCode(code)!.name : ''} ${token}`, { actor: who, channel: 'console:test', now: NOW }, testRuntime(db));
      const table = reply.blocks.find((b) => b.kind === 'table');
      expect(table?.kind === 'table' ? table.rows : []).toEqual(incidentenRows(rows, scopeOf(who)));
    }
  });

  it.each(MOMENTS)('the digest at %s equals the counting of the rows', async (at) => {
    const name = (code: string) => testMunicipalities().byCode(code)?.name ?? code;
    for (const since of [undefined, new Date(at.getTime() - 3 * 86_400_000 - 4_321_000)]) {
      const windows = digestWindows(at, since);
      const from = windows.loadFrom < windows.yearStart ? windows.loadFrom : windows.yearStart;
      const rows = await countedIncidents(db, from, at);
      for (const code of [null, ...loadMunicipalities().slice(0, 3).map((m) => m.code)]) {
        const common = { windows, municipalityCode: code, progress: null, arrests: { yearToDate: 0, week: 0 }, nameOf: name };
        const counts = await loadDigestCounts(db, windows, code);
        expect(digestModel({ ...common, counts })).toEqual(digestModel({ ...common, incidents: rows }));
        expect(digestModel({ ...common, counts })).toEqual(digestModel({ ...common, counts: digestCountsOf(rows, windows, code) }));
        if (code) {
          const year = localParts(at).year;
          const lastYear = localInstant(year - 1, 1, 1);
          const days = (await loadMunicipalityDays(db, code, lastYear, at))();
          expect(municipalityPathsOfDays(days, year, at)).toEqual(municipalityPaths(await countedIncidents(db, lastYear, at), code, year, at));
        }
      }
    }
  });
});

/** The rows of `/ote incidenten`'s figures table, from the rows, as a viewer of `scope` sees them. */
function incidentenRows(rows: readonly CountedIncident[], scope: ReturnType<typeof scopeOf>): string[][] {
  const t = translator('nl');
  const cells = smallNumbers(scope, { t, lang: 'nl' });
  const name = (code: string) => testMunicipalities().byCode(code)?.name ?? code;
  return rankMunicipalities(rows, 25, name).map((r) => [
    name(r.municipalityCode),
    formatNumber(r.count, 'nl'),
    ...TARGETS.map((target) => cells.count(r.municipalityCode, rows.filter((i) => i.municipalityCode === r.municipalityCode && i.target === target).length)),
  ]);
}

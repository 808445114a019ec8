// What a digest shows of the register, read from the kept counts (src/store/incident-counts.ts): a few
// hundred numbers however large the register is, exact at the window edges.
import type { DigestCell, DigestCounts, DigestWindows } from '../domain/digest.js';
import type { Db } from '../store/db.js';
import { countByMunicipality, countIncidents, countWhenRead } from '../store/incident-counts.js';

export async function loadDigestCounts(db: Db, windows: DigestWindows, municipalityCode: string | null): Promise<DigestCounts> {
  const only = municipalityCode ? { municipalityCode } : {};
  const total = async (from: Date, to: Date, scoped: boolean) =>
    (await countIncidents(db, { from, to, by: [], ...(scoped ? only : {}) }))[0]?.n ?? 0;
  const week = (scoped: boolean) =>
    Promise.all([total(windows.weekStart, windows.at, scoped), total(windows.previousWeekStart, windows.weekStart, scoped)]).then(
      ([current, previous]) => ({ current, previous }),
    );
  const [cells, sinceLastNational, inScope, national, yearByMunicipality] = await Promise.all([
    countIncidents(db, { from: windows.since, to: windows.at, by: ['municipality', 'target', 'outcome', 'means'], ...only }),
    // Nationally the cells are already the whole country's.
    municipalityCode ? total(windows.since, windows.at, false) : null,
    week(true),
    municipalityCode ? week(false) : null,
    countByMunicipality(db, windows.yearStart, windows.at),
  ]);
  const sinceLast = cells.map(({ municipality, target, outcome, means, n }) => ({ municipalityCode: municipality, target, outcome, means, n }) as DigestCell);
  return { sinceLast, sinceLastNational: sinceLastNational ?? cells.reduce((sum, cell) => sum + cell.n, 0), week: inScope, nationalWeek: national ?? inScope, yearByMunicipality };
}

/** A municipality's incidents per local day in [from, at), for the chart of a digest narrowed to it: read when the chart is drawn. */
export async function loadMunicipalityDays(db: Db, municipalityCode: string, from: Date, at: Date): Promise<() => Map<string, number>> {
  const rows = await countWhenRead(db, { from, to: at, by: ['day'], municipalityCode });
  return () => new Map(rows().map((r) => [r.day, r.n]));
}

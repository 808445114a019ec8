// A municipality's profile for a period (rank, share of the country, the hours of the night, months) from
// the kept counts: its own counts per hour and every municipality's total, never the rows.
import type { Period } from '../domain/period.js';
import { profileOfCounts, type MunicipalityProfile } from '../domain/ranking.js';
import type { Db } from '../store/db.js';
import { countByMunicipality, countIncidents } from '../store/incident-counts.js';
import type { PeriodFigures } from './period.js';

/** The profile of `municipalityCode` in `period`, given its figures for it (`loadPeriodFigures`, possibly still loading). */
export async function loadMunicipalityProfile(
  db: Db,
  period: Period,
  municipalityCode: string,
  figuresLoading: PeriodFigures | Promise<PeriodFigures>,
): Promise<MunicipalityProfile> {
  const [figures, hours, byMunicipality] = await Promise.all([
    figuresLoading,
    countIncidents(db, { from: period.start, to: period.end, by: ['hour'], municipalityCode }),
    countByMunicipality(db, period.start, period.end),
  ]);
  const byHour = new Array<number>(24).fill(0);
  for (const row of hours) byHour[row.hour] = row.n;
  return profileOfCounts({
    municipalityCode: figures.current.total > 0 ? municipalityCode : null,
    breakdown: figures.current,
    byHour,
    byMonth: figures.months,
    byMunicipality,
    months: monthRange(period),
  });
}

function monthRange(period: Period): { first: string; last: string } {
  return { first: period.firstDay.slice(0, 7), last: period.lastDay.slice(0, 7) };
}

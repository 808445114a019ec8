// Loads the incidents of a period (and of the same period a year earlier) for the figures commands.
import { samePeriodPreviousYear, type Period } from '../domain/period.js';
import { comparePeriods, type PeriodComparison } from '../domain/statistics.js';
import type { CountedIncident } from '../domain/types.js';
import type { Db } from '../store/db.js';
import { countedIncidents } from '../store/incidents.js';

export interface PeriodFigures {
  period: Period;
  previous: Period;
  incidents: CountedIncident[];
  comparison: PeriodComparison;
}

export async function loadPeriodFigures(db: Db, period: Period, municipalityCode?: string): Promise<PeriodFigures> {
  const previous = samePeriodPreviousYear(period);
  const [incidents, earlier] = await Promise.all([
    countedIncidents(db, period.start, period.end, municipalityCode),
    countedIncidents(db, previous.start, previous.end, municipalityCode),
  ]);
  return { period, previous, incidents, comparison: comparePeriods(incidents, earlier) };
}

// Registers built in a test: incidents spread over the months of a year as asked, imported the way
// `ote import` imports them (rows, then the coverage the import declares).
import { daysSpanned, type CoverageSpan } from '../../src/domain/coverage.js';
import { daysInMonth, localInstant } from '../../src/domain/local-time.js';
import type { Db } from '../../src/store/db.js';
import { declareCoverage } from '../../src/store/coverage.js';
import { upsertIncidents, type IncidentInput } from '../../src/store/incidents.js';

export function incidentAt(reference: string, occurredAt: Date, municipalityCode = 'GM0599'): IncidentInput {
  return { reference, occurredAt, municipalityCode, target: 'woning', outcome: 'explosie', means: 'vuurwerk', postcode4: null };
}

/** `perMonth[m]` incidents in month m + 1 of `year`, spread over its days at 03:00 local, in Rotterdam. */
export function yearOfIncidents(year: number, perMonth: readonly number[], prefix = `T${year}`): IncidentInput[] {
  const rows: IncidentInput[] = [];
  perMonth.forEach((count, m) => {
    const days = daysInMonth(year, m + 1);
    for (let i = 0; i < count; i++) {
      const day = 1 + Math.floor((i * days) / Math.max(count, 1));
      rows.push(incidentAt(`${prefix}-${m + 1}-${i}`, localInstant(year, m + 1, day, 3, i % 60)));
    }
  });
  return rows;
}

/** Like `ote import [--periode]`: the rows, and the declared period or else the days the rows span. */
export async function importRows(db: Db, rows: readonly IncidentInput[], period?: CoverageSpan): Promise<void> {
  await db.transaction(async (tx) => {
    await upsertIncidents(tx, rows, 'import', 'test');
    const covered = period ?? daysSpanned(rows.map((r) => r.occurredAt));
    if (covered) await declareCoverage(tx, covered, 'import', 'test');
  });
}

/** [1 January of `first`, 1 January after `last`), or to a local date. */
export const years = (first: number, last: number): CoverageSpan => ({ from: localInstant(first, 1, 1), to: localInstant(last + 1, 1, 1) });
export const until = (from: Date, year: number, month: number, day: number): CoverageSpan => ({ from, to: localInstant(year, month, day) });

/** 2024 as published (1.543), with a strong season: 520 in the first half year. */
export const SEASONAL_2024 = [200, 80, 70, 60, 55, 55, 60, 60, 80, 150, 230, 443];

// The measures of the action plan: lines of work, statuses, progress against a numeric goal, and who may
// update a measure. Pure.
import { matchByName } from './name-match.js';
import type { Actor, Role } from './types.js';

export const LINES = ['preventie', 'opsporing', 'nazorg', 'kennis', 'communicatie', 'europees'] as const;
export type LineOfWork = (typeof LINES)[number];

export const MEASURE_STATUSES = ['gepland', 'lopend', 'vertraagd', 'gereed', 'gestopt'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export interface Measure {
  /** A short handle people type, e.g. `scholen`, `handreiking-f4`. */
  code: string;
  line: LineOfWork;
  name: string;
  description: string;
  /** The owning organisations, as text. */
  owner: string;
  /** The partner roles that may update it (the programme office always may). */
  ownerRoles: Role[];
  /** A numeric goal where the plan has one (50 schools, 5,000 participants). */
  goal: number | null;
  /** What the goal counts, e.g. `scholen`, `deelnemers`. */
  unit: string | null;
  progress: number | null;
  /** Local date `YYYY-MM-DD`, when the plan names one. */
  dueDate: string | null;
  status: MeasureStatus;
  updatedAt: Date;
  updatedBy: string | null;
}

export function mayUpdateMeasure(actor: Actor, measure: Pick<Measure, 'ownerRoles'>): boolean {
  return actor.role === 'programma' || measure.ownerRoles.includes(actor.role);
}

/** Progress as a fraction of the goal (may pass 1), or undefined without a numeric goal. */
export function progressShare(measure: Pick<Measure, 'goal' | 'progress'>): number | undefined {
  if (measure.goal === null || measure.goal <= 0) return undefined;
  return (measure.progress ?? 0) / measure.goal;
}

/** Past its due date and not finished or stopped. */
export function isMeasureLate(measure: Pick<Measure, 'dueDate' | 'status'>, today: string): boolean {
  return measure.dueDate !== null && measure.dueDate < today && measure.status !== 'gereed' && measure.status !== 'gestopt';
}

/** By code or by words of the name; see matchByName. */
export function findMeasures<M extends Pick<Measure, 'code' | 'name'>>(measures: readonly M[], query: string): M[] {
  return matchByName(measures, query, (m) => [m.code, m.name]);
}

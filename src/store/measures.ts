// The measures of the action plan (seeded by migration 004) and their update history.
import type { LineOfWork, Measure, MeasureStatus } from '../domain/measures.js';
import type { Role } from '../domain/types.js';
import type { Db } from './db.js';
import { cachedBySettings } from './register-cache.js';

interface Row {
  code: string;
  line: LineOfWork;
  name: string;
  description: string;
  owner: string;
  owner_roles: Role[];
  goal: number | null;
  unit: string | null;
  progress: number | null;
  due_date: string | null;
  status: MeasureStatus;
  updated_at: Date | string;
  updated_by: string | null;
}

const COLUMNS = `code, line, name, description, owner, owner_roles, goal, unit, progress, due_date::text AS due_date, status, updated_at, updated_by`;
const LINE_ORDER = `array_position(ARRAY['preventie', 'opsporing', 'nazorg', 'kennis', 'communicatie', 'europees'], line)`;

function toMeasure(row: Row): Measure {
  return {
    code: row.code,
    line: row.line,
    name: row.name,
    description: row.description,
    owner: row.owner,
    ownerRoles: row.owner_roles,
    goal: row.goal,
    unit: row.unit,
    progress: row.progress,
    dueDate: row.due_date,
    status: row.status,
    updatedAt: new Date(row.updated_at),
    updatedBy: row.updated_by,
  };
}

/** Every measure (or one line's), in the order of the action plan (kept, shared: change nothing). */
export function listMeasures(db: Db, line?: LineOfWork): Promise<readonly Measure[]> {
  return cachedBySettings(db, `measures ${line ?? ''}`, async () => {
    const rows = await db.query<Row>(
      `SELECT ${COLUMNS} FROM measures WHERE ($1::text IS NULL OR line = $1) ORDER BY ${LINE_ORDER}, position, code`,
      [line ?? null],
    );
    return rows.map(toMeasure);
  });
}

export interface MeasureUpdate {
  code: string;
  progress?: number;
  status?: MeasureStatus;
  note?: string;
  actor: string;
  at: Date;
}

export interface MeasureHistoryEntry {
  progress: number | null;
  status: MeasureStatus;
  note: string | null;
  actor: string;
  at: Date;
}

/** Applies an update and records it in the history, in one transaction. Returns the measure as it now stands. */
export async function updateMeasure(db: Db, update: MeasureUpdate): Promise<Measure | undefined> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<Row>(
      `UPDATE measures SET progress = COALESCE($2, progress), status = COALESCE($3, status), updated_at = $4, updated_by = $5
       WHERE code = $1 RETURNING ${COLUMNS}`,
      [update.code, update.progress ?? null, update.status ?? null, update.at, update.actor],
    );
    const row = rows[0];
    if (!row) return undefined;
    await tx.query(
      'INSERT INTO measure_updates (code, progress, status, note, actor, at) VALUES ($1, $2, $3, $4, $5, $6)',
      [update.code, row.progress, row.status, update.note ?? null, update.actor, update.at],
    );
    return toMeasure(row);
  });
}

export async function measureHistory(db: Db, code: string, limit = 10): Promise<MeasureHistoryEntry[]> {
  const rows = await db.query<{ progress: number | null; status: MeasureStatus; note: string | null; actor: string; at: Date | string }>(
    'SELECT progress, status, note, actor, at FROM measure_updates WHERE code = $1 ORDER BY at DESC, id DESC LIMIT $2',
    [code, limit],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}

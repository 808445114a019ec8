// The audit trail: every change (incidents, roles, subscriptions, interventions and their milestones,
// measures, tokens) and every look at incident detail, with who, role, platform and when. Other parts call
// `audit(db, entry)`, inside their own transaction where there is one, so a change and its audit line are
// written together; a look at detail is read in the same statement as its line (`auditedRead`).
import { TIME_ZONE, type Actor } from '../domain/types.js';
import type { Db } from './db.js';
import { placeParams } from './sql-params.js';

export type AuditArea = 'incident' | 'dekking' | 'rol' | 'abonnement' | 'interventie' | 'mijlpaal' | 'maatregel' | 'token' | 'audit' | 'meldingen' | 'kanaal';
/** `area.what`, e.g. `incident.aangemaakt`, `incident.bekeken`, `rol.toegewezen`, `token.ingetrokken`. */
export type AuditAction = `${AuditArea}.${string}`;
/** Flat facts only: references, CBS codes, counts, reasons. Never names, addresses or secrets. */
export type AuditDetail = Record<string, string | number | boolean | null>;

/** Who did it: `slack:U123`, `discord:456`, `console:console`, `api:token-3`, `cli:jan`. */
export interface AuditWho {
  actor: string;
  role: string | null;
  platform: string;
}

export interface AuditEntry extends AuditWho {
  action: AuditAction;
  subject?: string;
  detail?: AuditDetail;
}

export interface AuditRecord extends Required<AuditEntry> {
  id: number;
  at: Date;
}

const ACTION = /^[a-z]+(\.[a-z-]+)+$/;
const MAX_DETAIL_KEYS = 20;
const MAX_TEXT = 200;

export function whoFromActor(actor: Actor): AuditWho {
  return { actor: actorId(actor), role: actor.role, platform: actor.platform };
}

const actorId = (actor: Actor) => `${actor.platform}:${actor.userId}`;

/**
 * The line of what `actor` did. Written field by field: in Node 20's V8, spreading `whoFromActor` and adding
 * fields makes a new hidden class every time, and a look at detail writes a line per command.
 */
export function auditLine(actor: Actor, action: AuditAction, subject: string, detail: AuditDetail = {}): AuditEntry {
  return { actor: actorId(actor), role: actor.role, platform: actor.platform, action, subject, detail };
}

/** The bot itself, e.g. a subscription paused after a permanent posting error on `platform`. */
export function systemWho(platform: string): AuditWho {
  return { actor: 'systeem', role: null, platform };
}

/**
 * Written before it resolves. Inside a transaction with the change it records; otherwise the lines that
 * arrive while one is being written go together in the next statement (the lines of many commands at
 * once), and the first is written at once. A look at incident detail is written with its read instead
 * (`auditedRead`).
 */
export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  // Only a root handle knows the register's generation; a handle inside a transaction does not.
  if (!db.changes) return auditMany(db, [entry]);
  checkAction(entry);
  let batch = batches.get(db);
  if (!batch) batches.set(db, (batch = new AuditBatch(db)));
  return batch.add(entry);
}

const batches = new WeakMap<Db, AuditBatch>();
const MAX_BATCH = 500;

class AuditBatch {
  #waiting: { entry: AuditEntry; done: () => void; failed: (error: unknown) => void }[] = [];
  #writing = false;

  constructor(private readonly db: Db) {}

  add(entry: AuditEntry): Promise<void> {
    return new Promise((done, failed) => {
      this.#waiting.push({ entry, done, failed });
      if (!this.#writing) void this.#write();
    });
  }

  async #write(): Promise<void> {
    this.#writing = true;
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, MAX_BATCH);
      try {
        await auditMany(this.db, batch.map((w) => w.entry));
        for (const w of batch) w.done();
      } catch {
        // One line the table refuses must not take the others with it: each on its own, with its own answer.
        for (const w of batch) await auditMany(this.db, [w.entry]).then(w.done, w.failed);
      }
    }
    this.#writing = false;
  }
}

function checkAction(entry: AuditEntry): void {
  if (!ACTION.test(entry.action)) throw new Error(`invalid audit action ${JSON.stringify(entry.action)}`);
}

export async function auditMany(db: Db, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  for (const e of entries) checkAction(e);
  await db.query(
    `INSERT INTO audit_log (actor, role, platform, action, subject, detail)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`,
    [
      entries.map((e) => clip(e.actor)),
      entries.map((e) => e.role),
      entries.map((e) => clip(e.platform)),
      entries.map((e) => e.action),
      entries.map((e) => clip(e.subject ?? '')),
      entries.map((e) => JSON.stringify(cleanDetail(e.detail))),
    ],
  );
}

/** Parts of an audit line the statement that writes it computes, over the rows it shows (`shown`). */
export interface LineSql {
  /** `then` when the condition holds, else the entry's action. */
  actionIf?: { when: string; then: AuditAction };
  /** The subject; when it is null, the entry's. */
  subject?: string;
  /** Detail values, over the entry's: key → SQL expression. */
  detail?: Record<string, string>;
}

/** A read whose rows are shown: a SELECT over parameters $1…, and the order of its rows (a CTE keeps none). */
export interface ShownRead {
  sql: string;
  params: readonly unknown[];
  orderBy?: string;
  /** Its text is one of a few (the values are parameters): the database keeps it planned (QueryOptions). */
  keep?: boolean;
}

/**
 * The read and its audit line in one statement: the line is committed with what is shown, and when it
 * cannot be written the read fails too.
 */
export async function auditedRead<T>(db: Db, read: ShownRead, entry: AuditEntry, computed: LineSql = {}): Promise<T[]> {
  const params = [...read.params];
  return db.query<T>(
    `WITH shown AS (${read.sql}),
     logged AS (INSERT INTO audit_log (actor, role, platform, action, subject, detail) SELECT ${lineValues(entry, params, computed)})
     SELECT * FROM shown${read.orderBy ? ` ORDER BY ${read.orderBy}` : ''}`,
    params,
    { keep: read.keep ?? false },
  );
}

/** The line's values as SQL, with the same checks and clipping as `auditMany`, its parameters added to `params`. */
function lineValues(entry: AuditEntry, params: unknown[], computed: LineSql = {}): string {
  checkAction(entry);
  if (computed.actionIf) checkAction({ ...entry, action: computed.actionIf.then });
  const p = placeParams(params);
  const action = computed.actionIf
    ? `CASE WHEN ${computed.actionIf.when} THEN ${p(computed.actionIf.then, 'text')} ELSE ${p(entry.action, 'text')} END`
    : p(entry.action, 'text');
  const subject = p(clip(entry.subject ?? ''), 'text');
  const extra = Object.entries(computed.detail ?? {}).map(([key, sql]) => `${p(clip(key), 'text')}, ${sql}`);
  const detail = p(JSON.stringify(cleanDetail(entry.detail)), 'jsonb');
  return [
    p(clip(entry.actor), 'text'),
    p(entry.role, 'text'),
    p(clip(entry.platform), 'text'),
    action,
    computed.subject ? `coalesce(${clipSql(computed.subject)}, ${subject})` : subject,
    extra.length > 0 ? `${detail} || jsonb_build_object(${extra.join(', ')})` : detail,
  ].join(', ');
}

function clipSql(sql: string): string {
  return `(SELECT CASE WHEN length(s) > ${MAX_TEXT} THEN left(s, ${MAX_TEXT - 1}) || '…' ELSE s END FROM (SELECT (${sql})::text AS s) AS clipped)`;
}

/** Keeps scalar values only, clipped, so a careless caller cannot store a whole object (or a person). */
function cleanDetail(detail: AuditDetail | undefined): AuditDetail {
  const clean: AuditDetail = {};
  for (const [key, value] of Object.entries(detail ?? {}).slice(0, MAX_DETAIL_KEYS)) {
    if (value === null || typeof value === 'number' || typeof value === 'boolean') clean[clip(key)] = value;
    else if (typeof value === 'string') clean[clip(key)] = clip(value);
  }
  return clean;
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

interface Row {
  id: number;
  at: Date;
  actor: string;
  role: string | null;
  platform: string;
  action: AuditAction;
  subject: string;
  detail: AuditDetail;
}

const RECORD = 'id, at, actor, role, platform, action, subject, detail';

export interface AuditQuery {
  from?: Date;
  to?: Date;
  /** For paging through a long export: only entries after this id. */
  afterId?: number;
  limit: number;
}

/** In the order written, for paging by `afterId`. */
export async function listAudit(db: Db, query: AuditQuery): Promise<AuditRecord[]> {
  const rows = await db.query<Row>(
    `SELECT ${RECORD} FROM audit_log
     WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2) AND id > $3
     ORDER BY id ASC LIMIT $4`,
    [query.from?.toISOString() ?? null, query.to?.toISOString() ?? null, query.afterId ?? 0, query.limit],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), at: new Date(r.at) }));
}

export interface AuditTrail {
  /** Entries per action, most frequent first. */
  counts: { action: string; count: number }[];
  /** The latest entries, newest first. */
  latest: AuditRecord[];
}

/**
 * The trail of the local days `firstDay` to `lastDay` (no `lastDay`: until now), with `entry` written in the
 * same statement and counted and listed with the rest when it falls in them (a statement does not see its
 * own insert otherwise). The counts are the kept ones per day (migration 024), the latest lines are read
 * newest first along the trail's index: neither reads the period's other lines.
 */
export async function auditedTrail(db: Db, entry: AuditEntry, days: { firstDay: string; lastDay?: string }, limit: number): Promise<AuditTrail> {
  const params: unknown[] = [days.firstDay, days.lastDay ?? null, limit];
  const values = lineValues(entry, params);
  const from = `($1::date::timestamp AT TIME ZONE '${TIME_ZONE}')`;
  const to = `coalesce(($2::date + 1)::timestamp AT TIME ZONE '${TIME_ZONE}', 'infinity')`;
  const [row] = await db.query<{ counts: AuditTrail['counts']; latest: Row[] }>(
    `WITH logged AS (INSERT INTO audit_log (actor, role, platform, action, subject, detail) SELECT ${values} RETURNING ${RECORD}),
     own AS (SELECT ${RECORD} FROM logged WHERE at >= ${from} AND at < ${to}),
     earlier AS (SELECT ${RECORD} FROM audit_log WHERE at >= ${from} AND at < ${to} ORDER BY at DESC, id DESC LIMIT $3::int),
     latest AS (SELECT * FROM (SELECT * FROM own UNION ALL SELECT * FROM earlier) AS both_ ORDER BY at DESC, id DESC LIMIT $3::int),
     counts AS (
       SELECT action, sum(n)::int AS count FROM (
         SELECT action, count AS n FROM audit_counts WHERE local_day >= $1::date AND ($2::date IS NULL OR local_day <= $2::date)
         UNION ALL SELECT action, 1 FROM own
       ) AS kept GROUP BY action HAVING sum(n) > 0
     )
     SELECT (SELECT coalesce(json_agg(c ORDER BY c.count DESC, c.action), '[]') FROM counts AS c) AS counts,
            (SELECT coalesce(json_agg(l ORDER BY l.at DESC, l.id DESC), '[]') FROM latest AS l) AS latest`,
    params,
    { keep: true },
  );
  return { counts: row!.counts, latest: row!.latest.map((r) => ({ ...r, id: Number(r.id), at: new Date(r.at) })) };
}

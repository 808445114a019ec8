// Validation of incident rows from outside (import, chat and API): each field checked with zod, every
// problem named by field and a reason from the catalogue, in the language asked for (Dutch by default).
// Pure apart from the municipality index it is given.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { echo } from '../domain/echo.js';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import { normalReference } from '../domain/reference.js';
import { MEANS, OUTCOMES, TARGETS, TIME_ZONE } from '../domain/types.js';
import { translator, type MessageKey, type Translate } from '../i18n/index.js';
import type { IncidentInput } from '../store/incidents.js';

export interface RowProblem {
  field: string;
  reason: string;
}

export type RowResult = { ok: true; incident: IncidentInput } | { ok: false; problems: RowProblem[] };

// Each check's message is a catalogue key; the reason is written in the caller's language afterwards.
const choice = (values: readonly string[], key: MessageKey) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => values.includes(v), { message: key });

const rowSchema = z.object({
  id: z
    .string()
    .trim()
    .min(1, 'row.missing' satisfies MessageKey)
    .max(64, 'row.idTooLong' satisfies MessageKey)
    .regex(/^[\p{L}\p{N}][\p{L}\p{N}._/-]*$/u, 'row.idCharacters' satisfies MessageKey)
    .transform(normalReference),
  occurred_at: z.string().trim().min(1, 'row.missing' satisfies MessageKey),
  municipality: z.string().trim().min(1, 'row.missing' satisfies MessageKey),
  target: choice(TARGETS, 'row.target'),
  outcome: choice(OUTCOMES, 'row.outcome'),
  means: z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => (v === '' ? 'onbekend' : v))
    .refine((v) => (MEANS as readonly string[]).includes(v), { message: 'row.means' satisfies MessageKey }),
  postcode4: z
    .string()
    .trim()
    .refine((v) => v === '' || /^[1-9][0-9]{3}$/.test(v), { message: 'row.postcode' satisfies MessageKey }),
});
const CHOICES = { targets: TARGETS.join(', '), outcomes: OUTCOMES.join(', '), means: MEANS.join(', ') };
const dutch = translator('nl');

export type RawIncidentRow = Record<keyof z.infer<typeof rowSchema>, string>;
export const INCIDENT_COLUMNS = ['id', 'occurred_at', 'municipality', 'target', 'outcome', 'means', 'postcode4'] as const;
export type IncidentColumn = (typeof INCIDENT_COLUMNS)[number];

/** `01-03-2025` or `1-3-2025`, as Dutch Excel and police exports write a date, with an optional time. */
const DUTCH_DATE = /^(\d{1,2})-(\d{1,2})-(\d{4})(?:[ T](\d{1,2})[:.](\d{2})(?::(\d{2}))?)?$/;
const OFFSET = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;

function isoText(text: string): string {
  const trimmed = text.trim();
  const dutch = DUTCH_DATE.exec(trimmed);
  if (!dutch) return trimmed.replace(' ', 'T');
  const time = dutch[4] ? `T${dutch[4].padStart(2, '0')}:${dutch[5]}${dutch[6] ? `:${dutch[6]}` : ''}` : '';
  return `${dutch[3]}-${dutch[2]!.padStart(2, '0')}-${dutch[1]!.padStart(2, '0')}${time}`;
}

export type OccurredAt = { ok: true; date: Date } | { ok: false; problem: 'invalid' | 'gap' };

/**
 * `2025-03-01T02:30` (Amsterdam local time), `2025-03-01 02:30`, `2025-03-01` (midnight), `01-03-2025`,
 * `01-03-2025 02:30`, or with an offset (`Z`, `+01:00`). A local time that does not exist because the clock
 * jumps from 02:00 to 03:00 on the last Sunday of March is refused (`gap`), not moved to 03:xx.
 */
export function readOccurredAt(text: string): OccurredAt {
  const iso = isoText(text);
  const parsed = DateTime.fromISO(iso, { zone: TIME_ZONE, setZone: false });
  if (!parsed.isValid) return { ok: false, problem: 'invalid' };
  if (!OFFSET.test(iso)) {
    const typed = DateTime.fromISO(iso, { zone: 'UTC' });
    const local = parsed.setZone(TIME_ZONE);
    if (typed.hour !== local.hour || typed.minute !== local.minute) return { ok: false, problem: 'gap' };
  }
  return { ok: true, date: parsed.toJSDate() };
}

/** The moment, or null when it is no valid moment or does not exist in Amsterdam time. */
export function parseOccurredAt(text: string): Date | null {
  const read = readOccurredAt(text);
  return read.ok ? read.date : null;
}

export function validateIncidentRow(raw: Partial<RawIncidentRow>, municipalities: MunicipalityIndex, now: Date, t: Translate = dutch): RowResult {
  const filled = Object.fromEntries(INCIDENT_COLUMNS.map((c) => [c, raw[c] ?? '']));
  const parsed = rowSchema.safeParse(filled, { error: () => 'row.invalid' satisfies MessageKey });
  const problems: RowProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? ''), reason: t(issue.message as MessageKey, CHOICES) }));
  const bad = new Set(problems.map((p) => p.field));

  let occurredAt: Date | null = null;
  if (!bad.has('occurred_at')) {
    const read = readOccurredAt(filled.occurred_at!);
    occurredAt = read.ok ? read.date : null;
    if (!read.ok && read.problem === 'gap') {
      problems.push({ field: 'occurred_at', reason: t('row.gapTime', { value: echo(filled.occurred_at!) }) });
    } else if (!occurredAt) problems.push({ field: 'occurred_at', reason: t('row.badMoment', { value: echo(filled.occurred_at!) }) });
    else if (occurredAt.getTime() > now.getTime() + 60 * 60 * 1000) problems.push({ field: 'occurred_at', reason: t('row.future') });
    else if (occurredAt.getUTCFullYear() < 2000) problems.push({ field: 'occurred_at', reason: t('row.before2000') });
  }
  let municipalityCode: string | null = null;
  let municipalityAsWritten: string | null = null;
  if (!bad.has('municipality')) {
    const found = municipalities.resolve(filled.municipality!);
    if (found.ok) {
      municipalityCode = found.municipality.code;
      if (found.former) municipalityAsWritten = filled.municipality!.trim();
    }
    else if (found.ambiguous) {
      const candidates = found.suggestions.map((m) => `${m.name} (${m.code})`).join(t('municipality.or'));
      problems.push({ field: 'municipality', reason: t('row.ambiguousMunicipality', { name: echo(filled.municipality!), candidates }) });
    } else if (found.suggestions.length > 0) {
      problems.push({ field: 'municipality', reason: t('row.unknownMunicipalityHint', { name: echo(filled.municipality!), suggestions: found.suggestions.map((m) => m.name).join(', ') }) });
    } else problems.push({ field: 'municipality', reason: t('row.unknownMunicipality', { name: echo(filled.municipality!) }) });
  }
  if (problems.length > 0 || !parsed.success || !occurredAt || !municipalityCode) return { ok: false, problems };
  const row = parsed.data;
  return {
    ok: true,
    incident: {
      reference: row.id,
      occurredAt,
      municipalityCode,
      target: row.target as IncidentInput['target'],
      outcome: row.outcome as IncidentInput['outcome'],
      means: row.means as IncidentInput['means'],
      postcode4: row.postcode4 === '' ? null : row.postcode4,
      ...(municipalityAsWritten ? { municipalityAsWritten } : {}),
    },
  };
}

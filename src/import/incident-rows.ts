// Validation of incident rows from outside (CSV import; later chat and API): each field checked with zod,
// every problem named by field and reason in Dutch. Pure apart from the municipality index it is given.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { echo } from '../domain/echo.js';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import { MEANS, OUTCOMES, TARGETS, TIME_ZONE } from '../domain/types.js';
import type { IncidentInput } from '../store/incidents.js';

export interface RowProblem {
  field: string;
  reason: string;
}

export type RowResult = { ok: true; incident: IncidentInput } | { ok: false; problems: RowProblem[] };

const choice = (values: readonly string[], what: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => values.includes(v), { message: `onbekend ${what}; kies uit ${values.join(', ')}` });

const rowSchema = z.object({
  id: z
    .string()
    .trim()
    .min(1, 'ontbreekt')
    .max(64, 'langer dan 64 tekens')
    .regex(/^[\p{L}\p{N}][\p{L}\p{N}._/-]*$/u, 'alleen letters, cijfers en . _ / - toegestaan'),
  occurred_at: z.string().trim().min(1, 'ontbreekt'),
  municipality: z.string().trim().min(1, 'ontbreekt'),
  target: choice(TARGETS, 'doelwit'),
  outcome: choice(OUTCOMES, 'resultaat'),
  means: z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => (v === '' ? 'onbekend' : v))
    .refine((v) => (MEANS as readonly string[]).includes(v), { message: `onbekend middel; kies uit ${MEANS.join(', ')} of laat leeg` }),
  postcode4: z
    .string()
    .trim()
    .refine((v) => v === '' || /^[1-9][0-9]{3}$/.test(v), { message: 'verwacht vier cijfers (bijv. 3011), zonder letters of huisnummer' }),
});

export type RawIncidentRow = Record<keyof z.infer<typeof rowSchema>, string>;
export const INCIDENT_COLUMNS = ['id', 'occurred_at', 'municipality', 'target', 'outcome', 'means', 'postcode4'] as const;
export type IncidentColumn = (typeof INCIDENT_COLUMNS)[number];

/** `01-03-2025` or `1-3-2025`, as Dutch Excel and police exports write a date, with an optional time. */
const DUTCH_DATE = /^(\d{1,2})-(\d{1,2})-(\d{4})(?:[ T](\d{1,2})[:.](\d{2})(?::(\d{2}))?)?$/;

/**
 * `2025-03-01T02:30` (Amsterdam local time), `2025-03-01 02:30`, `2025-03-01` (midnight), `01-03-2025`,
 * `01-03-2025 02:30`, or with an offset (`Z`, `+01:00`). Returns null when it is no valid moment.
 */
export function parseOccurredAt(text: string): Date | null {
  const trimmed = text.trim();
  const dutch = DUTCH_DATE.exec(trimmed);
  const normalised = dutch
    ? `${dutch[3]}-${dutch[2]!.padStart(2, '0')}-${dutch[1]!.padStart(2, '0')}${dutch[4] ? `T${dutch[4].padStart(2, '0')}:${dutch[5]}${dutch[6] ? `:${dutch[6]}` : ''}` : ''}`
    : trimmed.replace(' ', 'T');
  const parsed = DateTime.fromISO(normalised, { zone: TIME_ZONE, setZone: false });
  return parsed.isValid ? parsed.toJSDate() : null;
}

export function validateIncidentRow(raw: Partial<RawIncidentRow>, municipalities: MunicipalityIndex, now: Date): RowResult {
  const filled = Object.fromEntries(INCIDENT_COLUMNS.map((c) => [c, raw[c] ?? '']));
  const parsed = rowSchema.safeParse(filled, { error: () => 'ongeldige waarde' });
  const problems: RowProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? ''), reason: issue.message }));
  const bad = new Set(problems.map((p) => p.field));

  let occurredAt: Date | null = null;
  if (!bad.has('occurred_at')) {
    occurredAt = parseOccurredAt(filled.occurred_at!);
    if (!occurredAt) problems.push({ field: 'occurred_at', reason: `‘${echo(filled.occurred_at!)}’ is geen geldige datum/tijd (bijv. 2025-03-01T02:30 of 01-03-2025 02:30)` });
    else if (occurredAt.getTime() > now.getTime() + 60 * 60 * 1000) problems.push({ field: 'occurred_at', reason: 'ligt in de toekomst' });
    else if (occurredAt.getUTCFullYear() < 2000) problems.push({ field: 'occurred_at', reason: 'ligt vóór 2000' });
  }
  let municipalityCode: string | null = null;
  if (!bad.has('municipality')) {
    const found = municipalities.resolve(filled.municipality!);
    if (found.ok) municipalityCode = found.municipality.code;
    else {
      const hint = found.suggestions.length ? `; bedoelde u: ${found.suggestions.map((m) => m.name).join(', ')}?` : '';
      problems.push({ field: 'municipality', reason: `onbekende gemeente ‘${echo(filled.municipality!)}’${hint}` });
    }
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
    },
  };
}

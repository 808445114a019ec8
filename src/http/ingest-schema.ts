// The ingest API's request schemas (zod), their validation into incident rows, and the OpenAPI description
// generated from the same schemas. Field checks beyond the JSON types go through src/import/incident-rows.ts,
// exactly as the CSV import and the chat form.
import { z } from 'zod';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import { MEANS, OUTCOMES, TARGETS } from '../domain/types.js';
import { translate, type MessageKey, type MessageParams } from '../i18n/index.js';
import { INCIDENT_COLUMNS, parseOccurredAt, validateIncidentRow, type RawIncidentRow } from '../import/incident-rows.js';
import type { IncidentInput } from '../store/incidents.js';

export const MAX_BATCH = 1000;
const nl = (key: MessageKey, params?: MessageParams) => translate('nl', key, params);

export const incidentSchema = z.strictObject({
  id: z.string().meta({
    description: 'Unieke referentie (registratienummer van de politie); letters, cijfers en . _ / -, hoogstens 64 tekens.',
    pattern: '^[\\p{L}\\p{N}][\\p{L}\\p{N}._/-]*$',
    maxLength: 64,
    examples: ['PL0900-2025-001'],
  }),
  occurred_at: z.string().meta({
    description: 'Moment in ISO 8601; zonder offset is het Nederlandse tijd (Europe/Amsterdam). Niet in de toekomst.',
    examples: ['2025-03-01T02:30', '2025-03-01T01:30:00Z'],
  }),
  municipality: z.string().meta({ description: 'Gemeente: naam of CBS-code (een van de 342, of een sinds 2021 opgeheven gemeente zoals Weesp: die telt in de huidige gemeente).', examples: ['Den Haag', 'GM0518'] }),
  target: z.enum(TARGETS).meta({ description: 'Doelwit.' }),
  outcome: z.enum(OUTCOMES).meta({ description: 'explosie, of poging als er niets ontplofte.' }),
  means: z.enum(MEANS).optional().meta({ description: 'Middel; weggelaten is onbekend.' }),
  postcode4: z
    .string()
    .nullable()
    .optional()
    .meta({ description: 'Hoogstens het postcodegebied: vier cijfers, geen letters of huisnummer.', pattern: '^[1-9][0-9]{3}$' }),
});

export const batchSchema = z.strictObject({
  incidents: z.array(z.unknown()).min(1).max(MAX_BATCH).meta({ items: { $ref: '#/components/schemas/Incident' } }),
  complete_through: z.string().optional().meta({
    description:
      'Optioneel: het moment (ISO 8601; zonder offset Nederlandse tijd) tot waar het register met deze batch volledig is. ' +
      'De dekking loopt dan van het einde van de vorige dekking (of de dag van het eerste incident) tot dit moment. Niet in de toekomst.',
    examples: ['2025-07-01T00:00', '2025-06-30T22:00:00Z'],
  }),
});

export interface FieldError {
  veld: string;
  melding: string;
}

export type IngestValidation =
  | { ok: true; incidents: IncidentInput[]; completeThrough?: Date }
  | { ok: false; errors: FieldError[] };

const JSON_TYPES = ['string', 'number', 'boolean', 'array', 'object', 'null'] as const;
const jsonType = (value: unknown): (typeof JSON_TYPES)[number] =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : (JSON_TYPES as readonly string[]).includes(typeof value) ? (typeof value as 'string') : 'object';

/**
 * One schema issue in the catalogue's words, naming what is accepted; the schema library's own text is
 * never shown. Unknown fields come back one per field, under their own path.
 */
function issueErrors(issue: z.core.$ZodIssue, input: unknown, prefix: string): FieldError[] {
  const at = (path: readonly PropertyKey[]) => issuePath(prefix, path) || prefix || 'body';
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ veld: at([...issue.path, key]), melding: nl('api.unknownField', { fields: INCIDENT_COLUMNS.join(', ') }) }));
  }
  const value = issue.path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), input);
  if (value === undefined) return [{ veld: at(issue.path), melding: nl('api.missing') }];
  if (issue.code === 'invalid_value') return [{ veld: at(issue.path), melding: nl('api.choice', { choices: issue.values.map(String).join(', ') }) }];
  if (issue.code === 'invalid_type') {
    const expected = issue.expected as string;
    return [{ veld: at(issue.path), melding: nl('api.wrongType', { expected: nl(`api.type.${(JSON_TYPES as readonly string[]).includes(expected) ? expected : 'string'}` as MessageKey), got: nl(`api.type.${jsonType(value)}` as MessageKey) }) }];
  }
  return [{ veld: at(issue.path), melding: nl('api.invalidValue') }];
}

const issuePath = (prefix: string, path: readonly PropertyKey[]) =>
  path.reduce<string>((at, part) => (typeof part === 'number' ? `${at}[${part}]` : at ? `${at}.${String(part)}` : String(part)), prefix);

/** One incident or `{ incidents: [...] }`; every problem of every incident, by field. */
export function validateIngestBody(body: unknown, municipalities: MunicipalityIndex, now: Date): IngestValidation {
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  if (!isObject) return { ok: false, errors: [{ veld: 'body', melding: nl('api.shape') }] };
  if (!('incidents' in body)) {
    const one = validateItem(body, '', municipalities, now);
    return one.ok ? { ok: true, incidents: [one.incident] } : { ok: false, errors: one.errors };
  }
  const batch = batchSchema.safeParse(body);
  if (!batch.success) {
    return {
      ok: false,
      errors: batch.error.issues.flatMap((i) =>
        i.code === 'too_big' || i.code === 'too_small' ? [{ veld: 'incidents', melding: nl('api.batchSize', { max: MAX_BATCH }) }] : issueErrors(i, body, ''),
      ),
    };
  }
  const errors: FieldError[] = [];
  const incidents: IncidentInput[] = [];
  const seen = new Map<string, number>();
  let completeThrough: Date | undefined;
  if (batch.data.complete_through !== undefined) {
    const moment = parseOccurredAt(batch.data.complete_through);
    if (!moment) errors.push({ veld: 'complete_through', melding: nl('api.completeThroughInvalid', { value: batch.data.complete_through }) });
    else if (moment.getTime() > now.getTime()) errors.push({ veld: 'complete_through', melding: nl('api.completeThroughFuture') });
    else completeThrough = moment;
  }
  batch.data.incidents.forEach((item, index) => {
    const prefix = `incidents[${index}]`;
    const one = validateItem(item, prefix, municipalities, now);
    if (!one.ok) return void errors.push(...one.errors);
    const earlier = seen.get(one.incident.reference);
    if (earlier !== undefined) errors.push({ veld: `${prefix}.id`, melding: nl('api.duplicate', { other: `incidents[${earlier}]` }) });
    else {
      seen.set(one.incident.reference, index);
      incidents.push(one.incident);
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  return completeThrough ? { ok: true, incidents, completeThrough } : { ok: true, incidents };
}

function validateItem(
  item: unknown,
  prefix: string,
  municipalities: MunicipalityIndex,
  now: Date,
): { ok: true; incident: IncidentInput } | { ok: false; errors: FieldError[] } {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { ok: false, errors: [{ veld: prefix || 'body', melding: nl('api.shape') }] };
  }
  const typed = incidentSchema.safeParse(item);
  const errors: FieldError[] = typed.success ? [] : typed.error.issues.flatMap((i) => issueErrors(i, item, prefix));
  const badFields = new Set(typed.success ? [] : typed.error.issues.map((i) => String(i.path[0] ?? '')));
  // The content checks run on every field whose type was right, so one answer lists every problem.
  const record = item as Record<string, unknown>;
  const raw = Object.fromEntries(
    INCIDENT_COLUMNS.map((c) => [c, typeof record[c] === 'string' ? (record[c] as string) : '']),
  ) as RawIncidentRow;
  const row = validateIncidentRow(raw, municipalities, now);
  if (!row.ok) {
    for (const p of row.problems) if (!badFields.has(p.field)) errors.push({ veld: issuePath(prefix, [p.field]), melding: p.reason });
  }
  return errors.length === 0 && row.ok ? { ok: true, incident: row.incident } : { ok: false, errors };
}

// The incident report form, platform-neutral: fields, labels, choices and validation (through
// src/import/incident-rows.ts, like the CSV import). The console types it as one line
// (`/ote melden ref=… wanneer=… gemeente=…`); the Slack and Discord adapters turn it into a modal
// (docs/intake.md). One description, so every platform asks for and checks the same things.
import { DateTime } from 'luxon';
import { parseFields, type FieldProblem } from '../commands/fields.js';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import { MEANS, OUTCOMES, TARGETS, TIME_ZONE } from '../domain/types.js';
import type { MessageKey, Translate } from '../i18n/index.js';
import { validateIncidentRow, type RawIncidentRow } from '../import/incident-rows.js';
import type { IncidentDetail } from '../store/incident-detail.js';
import type { IncidentInput } from '../store/incidents.js';

export const REPORT_FIELD_IDS = ['ref', 'wanneer', 'gemeente', 'doel', 'resultaat', 'middel', 'postcode'] as const;
export type ReportFieldId = (typeof REPORT_FIELD_IDS)[number];
export type ReportValues = Partial<Record<ReportFieldId, string>>;

/** The action id of the reply's `Corrigeren` button; its value is the reference. Adapters open the form prefilled. */
export const CORRECT_ACTION_ID = 'melden:corrigeren';
/** The action id of the `Formulier openen` button under `/ote melden`'s explanation; adapters open the empty form. */
export const OPEN_FORM_ACTION_ID = 'melden:formulier';

export interface ReportChoice {
  value: string;
  label: string;
}

export interface ReportField {
  id: ReportFieldId;
  /** `text`: one line; `datetime`: a moment in Amsterdam time; `municipality`: with suggestions; `choice`: one of `choices`. */
  kind: 'text' | 'datetime' | 'municipality' | 'choice';
  required: boolean;
  label: string;
  hint: string;
  placeholder: string;
  maxLength: number;
  choices?: ReportChoice[];
  /** Prefilled value (a correction starts from the stored incident). */
  initial?: string;
}

export interface ReportForm {
  /** Stable id for the modal's callback (Slack `callback_id`, Discord `custom_id`). */
  id: 'ote-melden';
  title: string;
  submit: string;
  intro: string;
  fields: ReportField[];
}

/** The incident-row column each field fills. */
const COLUMN: Record<ReportFieldId, keyof RawIncidentRow> = {
  ref: 'id',
  wanneer: 'occurred_at',
  gemeente: 'municipality',
  doel: 'target',
  resultaat: 'outcome',
  middel: 'means',
  postcode: 'postcode4',
};

/** Other names people type in the one-line form. */
const ALIASES: Record<string, ReportFieldId> = {
  referentie: 'ref',
  id: 'ref',
  datum: 'wanneer',
  moment: 'wanneer',
  tijd: 'wanneer',
  municipality: 'gemeente',
  doelwit: 'doel',
  target: 'doel',
  uitkomst: 'resultaat',
  outcome: 'resultaat',
  means: 'middel',
  postcode4: 'postcode',
  pc4: 'postcode',
};

const choices = (values: readonly string[], t: Translate, prefix: 'target' | 'outcome' | 'means'): ReportChoice[] =>
  values.map((value) => ({ value, label: t(`${prefix}.${value}` as MessageKey) }));

export function reportForm(t: Translate, initial: ReportValues = {}): ReportForm {
  const field = (
    id: ReportFieldId,
    kind: ReportField['kind'],
    required: boolean,
    maxLength: number,
    extra: Pick<ReportField, 'choices'> = {},
  ): ReportField => ({
    id,
    kind,
    required,
    label: t(`melden.field.${id}` as MessageKey),
    hint: t(`melden.hint.${id}` as MessageKey),
    placeholder: t(`melden.placeholder.${id}` as MessageKey),
    maxLength,
    ...extra,
    ...(initial[id] !== undefined ? { initial: initial[id] } : {}),
  });
  return {
    id: 'ote-melden',
    title: t('melden.formTitle'),
    submit: t('melden.formSubmit'),
    intro: t('melden.formIntro'),
    fields: [
      field('ref', 'text', true, 64),
      field('wanneer', 'datetime', true, 25),
      field('gemeente', 'municipality', true, 100),
      field('doel', 'choice', true, 10, { choices: choices(TARGETS, t, 'target') }),
      field('resultaat', 'choice', true, 10, { choices: choices(OUTCOMES, t, 'outcome') }),
      field('middel', 'choice', false, 12, { choices: choices(MEANS, t, 'means') }),
      field('postcode', 'text', false, 4),
    ],
  };
}

export type ReportResult =
  | { ok: true; incident: IncidentInput }
  | { ok: false; errors: Partial<Record<ReportFieldId, string>> };

/** Checks a filled-in form exactly as the CSV import checks a row; errors by form field, in Dutch. */
export function validateReport(values: ReportValues, municipalities: MunicipalityIndex, now: Date, t?: Translate): ReportResult {
  const row = Object.fromEntries(REPORT_FIELD_IDS.map((id) => [COLUMN[id], values[id] ?? ''])) as RawIncidentRow;
  const result = validateIncidentRow(row, municipalities, now, t);
  if (result.ok) return result;
  const fieldOf = new Map(REPORT_FIELD_IDS.map((id) => [COLUMN[id] as string, id]));
  const errors: Partial<Record<ReportFieldId, string>> = {};
  for (const problem of result.problems) {
    const id = fieldOf.get(problem.field) ?? 'ref';
    errors[id] = errors[id] ? `${errors[id]}; ${problem.reason}` : problem.reason;
  }
  return { ok: false, errors };
}

export type ReportLine =
  | { ok: true; values: ReportValues }
  | { ok: false; problem: 'no-fields' | FieldProblem; detail: string };

/**
 * Reads `ref=P-1 wanneer=2025-03-01T02:30 gemeente=Den Haag doel=woning …` by the rules of
 * src/commands/fields.ts; an empty value is read as empty, so a correction can clear a field.
 */
export function parseReportLine(text: string): ReportLine {
  const read = parseFields(text, REPORT_FIELD_IDS, { aliases: ALIASES, emptyAllowed: true });
  if (!read.ok) return { ok: false, problem: read.problem, detail: read.field };
  if (read.head !== '') return { ok: false, problem: 'no-fields', detail: read.head.slice(0, 60) };
  return { ok: true, values: Object.fromEntries(read.fields) as ReportValues };
}

/** A stored incident as form values, to start a correction from. */
export function valuesFromIncident(incident: IncidentDetail): Required<ReportValues> {
  return {
    ref: incident.reference,
    // With its offset, so the hour that occurs twice in October stays exact.
    wanneer: DateTime.fromJSDate(incident.occurredAt, { zone: TIME_ZONE }).toISO({ suppressMilliseconds: true, suppressSeconds: true })!,
    gemeente: incident.municipalityAsWritten ?? incident.municipalityCode,
    doel: incident.target,
    resultaat: incident.outcome,
    middel: incident.means,
    postcode: incident.postcode4 ?? '',
  };
}

/** Suggestions for the municipality field (Slack external select, Discord autocomplete): at most `limit`. */
export function suggestMunicipalities(municipalities: MunicipalityIndex, query: string, limit = 25): ReportChoice[] {
  const found = query.trim() === '' ? municipalities.all().slice(0, limit) : municipalities.suggest(query, limit);
  return found.map((m) => ({ value: m.code, label: m.name }));
}

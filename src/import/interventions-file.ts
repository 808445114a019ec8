// Reads an interventions file (YAML or JSON, which YAML reads too) into validated interventions: all valid,
// or every problem by place (`interventies[2].mijlpalen[1].dag`) with its line. Pure: text in, result out.
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { ROLES } from '../domain/types.js';
import {
  DEFAULT_LENGTH_DAYS,
  defaultMilestones,
  INTERVENTION_STATUSES,
  MAX_LENGTH_DAYS,
  MILESTONE_KINDS,
  milestoneProblems,
  type MilestoneKind,
} from '../domain/fieldlab.js';
import { echo } from '../domain/echo.js';
import { platforms } from '../platforms/index.js';
import { translate, type MessageKey, type MessageParams } from '../i18n/index.js';
import type { InterventionInput } from '../store/interventions.js';

const nl = (key: MessageKey, params?: MessageParams) => translate('nl', key, params);
const text = (max: number) => z.string().trim().min(1).max(max);

const milestoneSchema = z
  .strictObject({
    dag: z.number().int().min(0).max(MAX_LENGTH_DAYS),
    soort: z.enum(MILESTONE_KINDS).optional(),
    titel: text(120).optional(),
    status: z.enum(['open', 'gereed']).optional(),
  })
  .superRefine((m, ctx) => {
    const own = m.soort === undefined || m.soort === 'eigen';
    if (own && !m.titel) ctx.addIssue({ code: 'custom', path: ['titel'], message: nl('import.milestoneTitle') });
    if (!own && m.titel) ctx.addIssue({ code: 'custom', path: ['titel'], message: nl('import.standardTitle') });
  });

const interventionSchema = z
  .strictObject({
    naam: text(120),
    omschrijving: z.string().trim().max(1000).optional(),
    eigenaren: z.array(text(120)).max(25).optional(),
    kanaal: z.string().refine((c) => platforms.normalizeChannel(c) !== undefined, { error: nl('interventie.reason.channel') }),
    start: z.preprocess(
      (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
      z.iso.date({ error: nl('interventie.reason.date') }),
    ),
    duur: z.number().int().min(1).max(MAX_LENGTH_DAYS).optional(),
    status: z.enum(INTERVENTION_STATUSES).optional(),
    taal: z.enum(['nl', 'en']).optional(),
    team: z.array(z.enum(ROLES)).max(5).optional(),
    mijlpalen: z.array(milestoneSchema).max(50).optional(),
  })
  .superRefine((iv, ctx) => {
    const length = iv.duur ?? DEFAULT_LENGTH_DAYS;
    const plans = (iv.mijlpalen ?? []).map((m) => ({ day: m.dag, kind: m.soort ?? ('eigen' as MilestoneKind), title: m.titel ?? null }));
    for (const { index, problem } of milestoneProblems(plans, length)) {
      const message = problem === 'duplicate-day' ? nl('import.duplicateDay') : nl('interventie.reason.day', { length });
      ctx.addIssue({ code: 'custom', path: ['mijlpalen', index, 'dag'], message });
    }
  });

const fileSchema = z
  .strictObject({ interventies: z.array(interventionSchema).min(1).max(200) })
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.interventies.forEach((iv, index) => {
      const key = iv.naam.toLowerCase();
      const earlier = seen.get(key);
      if (earlier !== undefined) ctx.addIssue({ code: 'custom', path: ['interventies', index, 'naam'], message: nl('import.duplicateName', { place: `interventies[${earlier}]` }) });
      else seen.set(key, index);
    });
  });

export interface FileProblem {
  /** `interventies[2].mijlpalen[1].dag`, or empty for the whole file. */
  place: string;
  /** 1-based line in the file, when known. */
  line?: number;
  reason: string;
}

export type InterventionsFileResult = { ok: true; interventions: InterventionInput[] } | { ok: false; problems: FileProblem[] };

export function placeOf(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

export function readInterventionsFile(source: string): InterventionsFileResult {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((e) => ({ place: '', line: lines.linePos(e.pos[0]).line, reason: nl('import.syntax', { detail: echo(e.message.split('\n')[0]!, 200) }) })) };
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const parsed = fileSchema.safeParse(doc.toJS(), { error: z.locales.nl().localeError });
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue): FileProblem[] => {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      return keys.map((key) => {
        const path = key === undefined ? issue.path : [...issue.path, key];
        return { place: placeOf(path), line: lineOf(path), reason: key === undefined ? issue.message : nl('import.unknownField') };
      });
    });
    return { ok: false, problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
  }
  return {
    ok: true,
    interventions: parsed.data.interventies.map((iv) => {
      const lengthDays = iv.duur ?? DEFAULT_LENGTH_DAYS;
      return {
        name: iv.naam,
        description: iv.omschrijving ?? '',
        owners: iv.eigenaren ?? [],
        channel: platforms.normalizeChannel(iv.kanaal)!,
        startDate: iv.start,
        lengthDays,
        status: iv.status ?? 'actief',
        ...(iv.taal ? { lang: iv.taal } : {}),
        ...(iv.team ? { teamRoles: [...new Set(iv.team)] } : {}),
        milestones: iv.mijlpalen
          ? iv.mijlpalen.map((m) => ({ day: m.dag, kind: m.soort ?? 'eigen', title: m.soort && m.soort !== 'eigen' ? null : (m.titel ?? null), state: m.status }))
          : defaultMilestones(lengthDays),
      };
    }),
  };
}

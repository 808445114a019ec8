// Writes a digest model as a Reply. Written for the least-entitled member of a shared channel:
// totals per municipality, never an incident reference, postcode or time of an incident.
import type { DigestModel, IncidentSummary, WeekComparison } from '../domain/digest.js';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import { localParts } from '../domain/local-time.js';
import { TARGETS } from '../domain/types.js';
import type { TargetLoad } from '../figures/target.js';
import { translator, type Lang, type Translate } from '../i18n/index.js';
import { changeText } from '../render/figures.js';
import { NO_DETAIL, type DetailScope } from '../domain/policy.js';
import { formatChange, formatDate, formatDateTime, formatLocalDate, formatNumber, formatPercent, formatThrough } from '../render/format.js';
import { smallNumbers, type SmallNumbers } from '../render/small-numbers.js';
import { reply, type Block, type Chart, type Fact, type Reply } from '../render/reply.js';
import { finalVerdict, laterYearFact, methodText, noStatusText, standingNotes } from '../render/target.js';

/** Beyond this many municipalities the table of the window ends with one "others" row. */
export const MAX_MUNICIPALITY_ROWS = 15;

export interface DigestView {
  model: DigestModel;
  target: TargetLoad;
  chart: Chart | null;
  municipalities: MunicipalityIndex;
  lang: Lang;
  /** The register holds demo data. */
  demo: boolean;
  /** Add the full demo notice (posted digests); commands get it from the dispatcher. */
  demoNotice: boolean;
  /** `register volledig t/m …` when the digest's figures reach past coverage. */
  coverageLine?: string | null;
  /** No new coverage for longer than the configured number of days. */
  stale?: { since: Date; days: number } | null;
  /** The window starts at the previous digest (otherwise it is the 24 hours before `at`). */
  sinceLastDigest?: boolean;
  /** The channel's first digest. */
  first?: boolean;
  /** What the channel's least-entitled member may see (its small cells are shown); absent: nothing below a total. */
  scope?: DetailScope;
}

export function digestReply(view: DigestView): Reply {
  const { model, lang } = view;
  const t = translator(lang);
  const n = (value: number) => formatNumber(value, lang);
  const name = (code: string) => view.municipalities.byCode(code)?.name ?? code;
  const year = localParts(model.windows.at).year;
  const own = model.municipalityCode === null ? null : name(model.municipalityCode);
  const blocks: Block[] = [];

  if (view.first) blocks.push({ kind: 'text', text: t('digest.first') });
  if (own) blocks.push({ kind: 'text', text: t('digest.scope', { municipality: own }) });
  blocks.push({ kind: 'text', text: sinceLastText(model.sinceLast, own, model.windows.since, view.sinceLastDigest !== false, t, lang) });
  if (model.national) {
    blocks.push({
      kind: 'text',
      text: t('digest.nationalContext', { sinceLast: count(t, 'incidents', model.national.sinceLast, lang), week: n(model.national.week.current) }),
    });
  }
  // Written for a shared channel: small cells inside a municipality's total are hidden from its least-entitled member.
  const cells = smallNumbers(view.scope ?? NO_DETAIL, { t, lang });
  if (model.sinceLast.total > 0) {
    const title = t(view.sinceLastDigest === false ? 'digest.byMunicipalityDay' : 'digest.byMunicipality');
    blocks.push(municipalityTable(model.sinceLast, name, title, t, lang, cells));
  }

  const facts: Fact[] = [{ label: own ? t('digest.weekIn', { municipality: own }) : t('digest.week'), value: weekText(model.week, t, lang) }];
  if (model.national) facts.push({ label: t('digest.week') + ` (${t('stats.national')})`, value: weekText(model.national.week, t, lang) });
  if (view.target.kind === 'progress') facts.push(...progressFacts(view.target, t, lang));
  if (own && model.municipalityYear) {
    const { count: c, rank } = model.municipalityYear;
    facts.push({
      label: t('digest.municipalityYear', { municipality: own, year }),
      value: rank === null ? n(c) : t('digest.municipalityYearValue', { count: n(c), rank }),
    });
  }
  facts.push({ label: t('digest.arrests', { year }), value: t('digest.arrestsValue', { total: n(model.arrests.yearToDate), week: n(model.arrests.week) }) });
  const notes = new Set([view.stale ? t('coverage.stale', { since: formatThrough(view.stale.since, lang), days: view.stale.days }) : null, view.coverageLine ?? null, targetNotice(view.target, t, lang)]);
  for (const text of notes) if (text) blocks.push({ kind: 'context', text });
  blocks.push({ kind: 'facts', facts });

  if (model.top.length > 0) {
    blocks.push({
      kind: 'table',
      title: t('digest.top', { year }),
      columns: [
        { header: t('digest.rank'), align: 'right' },
        { header: t('digest.municipality'), align: 'left' },
        { header: t('digest.count'), align: 'right' },
        { header: t('digest.share'), align: 'right' },
      ],
      rows: model.top.map((r) => [String(r.rank), name(r.municipalityCode), n(r.count), formatPercent(r.share, lang)]),
    });
    if (model.topTiedBeyond) {
      const { others, count: tied } = model.topTiedBeyond;
      blocks.push({ kind: 'text', text: t(others === 1 ? 'top.tiedBeyond.one' : 'top.tiedBeyond.other', { others: n(others), count: n(tied) }) });
    }
  }
  for (const [title, items] of [
    [t('digest.milestones'), model.milestones],
    [t('digest.checkIns'), model.overdueCheckIns],
  ] as const) {
    if (items.length === 0) continue;
    blocks.push({
      kind: 'table',
      title,
      columns: [
        { header: t('digest.day'), align: 'left' },
        { header: t('digest.item'), align: 'left' },
        { header: t('digest.detail'), align: 'left' },
      ],
      rows: items.map((item) => [formatLocalDate(item.dueDay, lang), item.title, item.detail ?? '']),
    });
  }
  if (view.chart) blocks.push({ kind: 'chart', chart: view.chart });

  const hidden = cells.notice();
  if (hidden) blocks.push(hidden);
  const context = [t('digest.aggregatesOnly')];
  if (view.target.kind === 'progress' && !view.target.progress.yearComplete) context.unshift(methodText(view.target.progress, { t, lang }));
  if (view.demo) context.push(t('digest.demo'));
  blocks.push({ kind: 'context', text: context.join(' ') });
  if (view.demo && view.demoNotice) blocks.push({ kind: 'context', text: t('demo.notice') });

  return reply(t('digest.title', { date: formatDate(model.windows.at, lang) }), blocks, 'channel');
}

function sinceLastText(summary: IncidentSummary, own: string | null, since: Date, fromLastDigest: boolean, t: Translate, lang: Lang): string {
  const when = formatDateTime(since, lang);
  const lead = fromLastDigest
    ? own ? t('digest.sinceLastIn', { municipality: own, since: when }) : t('digest.sinceLast', { since: when })
    : own ? t('digest.sinceDayIn', { municipality: own, since: when }) : t('digest.sinceDay', { since: when });
  if (summary.total === 0) return t('digest.noIncidents', { lead });
  return t('digest.incidents', {
    lead,
    incidents: count(t, 'incidents', summary.total, lang),
    explosions: count(t, 'explosions', summary.byOutcome.explosie, lang),
    attempts: count(t, 'attempts', summary.byOutcome.poging, lang),
  });
}

function municipalityTable(summary: IncidentSummary, name: (code: string) => string, title: string, t: Translate, lang: Lang, cells: SmallNumbers): Block {
  const n = (value: number) => formatNumber(value, lang);
  const shown = summary.byMunicipality.length > MAX_MUNICIPALITY_ROWS ? summary.byMunicipality.slice(0, MAX_MUNICIPALITY_ROWS - 1) : summary.byMunicipality;
  const rows = shown.map((m) => [name(m.municipalityCode), ...TARGETS.map((target) => cells.count(m.municipalityCode, m.byTarget[target])), n(m.total)]);
  const rest = summary.byMunicipality.slice(shown.length);
  if (rest.length > 0) {
    rows.push([
      t('digest.otherMunicipalities', { count: rest.length }),
      ...TARGETS.map((target) => n(rest.reduce((sum, m) => sum + m.byTarget[target], 0))),
      n(rest.reduce((sum, m) => sum + m.total, 0)),
    ]);
  }
  return {
    kind: 'table',
    title,
    columns: [
      { header: t('digest.municipality'), align: 'left' },
      ...TARGETS.map((target) => ({ header: t(`target.${target}`), align: 'right' as const })),
      { header: t('digest.total'), align: 'right' },
    ],
    rows,
  };
}

function progressFacts(target: Extract<TargetLoad, { kind: 'progress' }>, t: Translate, lang: Lang): Fact[] {
  const p = target.progress;
  const n = (value: number) => formatNumber(value, lang);
  const later = target.laterYear ? [laterYearFact(target.laterYear, { t, lang })] : [];
  if (p.yearComplete) {
    // A closed year: its final result, then the current year against the year before.
    return [{ label: t('doel.finalLabel', { year: p.target.year }), value: `${n(p.yearToDate)}, ${finalVerdict(p, { t, lang })}` }, ...later];
  }
  return [
    { label: t('digest.yearToDate', { year: p.target.year }), value: `*${n(p.yearToDate)}*` },
    {
      label: t('doel.baselineSamePeriod', { baseline: p.target.baselineYear }),
      value: `${formatNumber(p.baselineSamePeriod, lang, p.method === 'same-period' ? 0 : 1)} (${changeText(p.changeAgainstBaseline, { lang, t })})`,
    },
    { label: t('doel.allowance'), value: formatNumber(p.allowanceToDate, lang, 1) },
    { label: t('doel.status'), value: t(`status.${p.status}`) },
    { label: t('digest.roomLeft', { cap: n(p.cap) }), value: p.roomLeft >= 0 ? n(p.roomLeft) : t('doel.overBy', { count: n(-p.roomLeft) }) },
    ...later,
  ];
}

/** Why the target facts are missing, what they stand on, or that they are an earlier year's final result. */
function targetNotice(target: TargetLoad, t: Translate, lang: Lang): string | null {
  if (target.kind !== 'progress') return noStatusText(target, { t, lang });
  const notes = standingNotes(target.progress, { t, lang });
  if (target.laterYear) notes.unshift(t('doel.finalResult', { year: target.progress.target.year, later: target.laterYear.year }));
  return notes.length > 0 ? notes.join(' ') : null;
}

function weekText(week: WeekComparison, t: Translate, lang: Lang): string {
  return t('digest.weekValue', {
    current: formatNumber(week.current, lang),
    previous: formatNumber(week.previous, lang),
    change: week.change === null ? t('digest.noComparison') : formatChange(week.change, lang),
  });
}

const PLURALS = {
  incidents: ['digest.incidents.one', 'digest.incidents.other'],
  explosions: ['digest.explosions.one', 'digest.explosions.other'],
  attempts: ['digest.attempts.one', 'digest.attempts.other'],
} as const;

function count(t: Translate, what: keyof typeof PLURALS, value: number, lang: Lang): string {
  return t(PLURALS[what][value === 1 ? 0 : 1], { n: formatNumber(value, lang) });
}

// How an alert reads: one incident for a channel whose audience may see it (reference, moment, target,
// outcome, means, postcode area, whether it is a repeat), a corrected or withdrawn one, or the summary of a
// bulk import. The caller has asked the policy; these only write.
import { DateTime } from 'luxon';
import type { DetailScope } from '../domain/policy.js';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import type { Repeat } from '../domain/repeats.js';
import { TIME_ZONE } from '../domain/types.js';
import { LOCALES, translator, type Lang, type MessageKey } from '../i18n/index.js';
import { formatDateTime } from '../render/format.js';
import type { Block, Reply } from '../render/reply.js';
import type { IncidentDetail } from '../store/incident-detail.js';

/** `14 oktober`, with the year when it is not the year of `reference`. */
export function dayAndMonth(instant: Date, lang: Lang, reference: Date): string {
  const local = DateTime.fromJSDate(instant, { zone: TIME_ZONE }).setLocale(LOCALES[lang]);
  const sameYear = local.year === DateTime.fromJSDate(reference, { zone: TIME_ZONE }).year;
  return local.toFormat(sameYear ? 'd LLLL' : 'd LLLL yyyy');
}

export function repeatLine(repeat: Repeat, at: Date, lang: Lang, municipalities: MunicipalityIndex): string {
  const t = translator(lang);
  const params = { ordinal: repeat.ordinal, days: repeat.windowDays, previous: dayAndMonth(repeat.previous, lang, at) };
  return repeat.area.kind === 'postcode'
    ? t('alert.repeatPostcode', { ...params, area: repeat.area.postcode4 })
    : t('alert.repeatMunicipality', { ...params, area: municipalities.byCode(repeat.area.municipalityCode)?.name ?? repeat.area.municipalityCode });
}

export function alertReply(incident: IncidentDetail, repeat: Repeat | undefined, lang: Lang, municipalities: MunicipalityIndex): Reply {
  const t = translator(lang);
  const municipality = municipalities.byCode(incident.municipalityCode)?.name ?? incident.municipalityCode;
  const outcome = t(`incident.outcome.${incident.outcome}` as MessageKey);
  const target = t(`incident.target.${incident.target}` as MessageKey);
  const withdrawn = incident.status === 'ingetrokken';
  const blocks: Block[] = [
    {
      kind: 'facts',
      facts: [
        { label: t('incident.reference'), value: withdrawn ? `~${incident.reference}~` : `*${incident.reference}*` },
        { label: t('incident.moment'), value: formatDateTime(incident.occurredAt, lang) },
        { label: t('incident.target'), value: target },
        { label: t('incident.outcome'), value: outcome },
        { label: t('incident.means'), value: t(`means.${incident.means}` as MessageKey) },
        { label: t('incident.postcode'), value: incident.postcode4 ?? '–' },
      ],
    },
  ];
  if (withdrawn) blocks.unshift({ kind: 'text', text: t('alert.withdrawnText') });
  else if (repeat) blocks.push({ kind: 'text', text: repeatLine(repeat, incident.occurredAt, lang, municipalities) });
  if (!withdrawn && incident.version > 1) blocks.push({ kind: 'context', text: t('alert.corrected', { version: incident.version }) });
  const title = withdrawn ? t('alert.withdrawnTitle', { municipality }) : t('alert.title', { municipality, outcome: outcome.toLowerCase(), target: target.toLowerCase() });
  return { title, blocks, visibility: 'channel' };
}

export interface SummaryLine {
  incident: IncidentDetail;
  repeat?: Repeat;
}

const LISTED = 20;

export function summaryReply(lines: readonly SummaryLine[], lang: Lang, municipalities: MunicipalityIndex): Reply {
  const t = translator(lang);
  const perMunicipality = new Map<string, number>();
  for (const { incident } of lines) perMunicipality.set(incident.municipalityCode, (perMunicipality.get(incident.municipalityCode) ?? 0) + 1);
  const name = (code: string) => municipalities.byCode(code)?.name ?? code;
  const repeats = lines.filter((l) => l.repeat).length;
  const blocks: Block[] = [
    { kind: 'text', text: t('alert.summaryText', { count: lines.length, repeats }) },
    {
      kind: 'table',
      columns: [
        { header: t('incident.reference'), align: 'left' },
        { header: t('incident.moment'), align: 'left' },
        { header: t('incident.municipality'), align: 'left' },
        { header: t('incident.postcode'), align: 'left' },
        { header: t('alert.repeatColumn'), align: 'left' },
      ],
      rows: lines.slice(0, LISTED).map(({ incident, repeat }) => [
        incident.reference,
        formatDateTime(incident.occurredAt, lang),
        name(incident.municipalityCode),
        incident.postcode4 ?? '–',
        repeat ? t('alert.repeatShort', { ordinal: repeat.ordinal }) : '',
      ]),
    },
  ];
  if (lines.length > LISTED) blocks.push({ kind: 'context', text: t('alert.summaryMore', { count: lines.length - LISTED }) });
  blocks.push({
    kind: 'context',
    text: [...perMunicipality.entries()].sort((a, b) => b[1] - a[1] || name(a[0]).localeCompare(name(b[0]))).map(([code, n]) => `${name(code)}: ${n}`).join(' · '),
  });
  return { title: t('alert.summaryTitle', { count: lines.length }), blocks, visibility: 'channel' };
}

/** What a channel of this scope is told about alerts, in words. */
export function scopeWords(scope: DetailScope, lang: Lang, municipalities: MunicipalityIndex): string {
  const t = translator(lang);
  if (scope.kind === 'all') return t('audience.scope.all');
  if (scope.kind === 'municipality') return t('audience.scope.municipality', { name: municipalities.byCode(scope.code)?.name ?? scope.code });
  return t('audience.scope.none');
}

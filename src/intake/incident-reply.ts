// How one incident reads in a reply: its facts and its history. Callers have asked the policy first.
import type { CommandContext } from '../../commands/types.js';
import type { MessageKey } from '../i18n/index.js';
import { formatDateTime } from '../render/format.js';
import type { Block } from '../render/reply.js';
import type { IncidentChange, IncidentDetail } from '../store/incident-detail.js';

/** `Amsterdam (GM0363)`, and for a former municipality `Amsterdam (GM0363), gemeld als Weesp`. */
function municipalityText(incident: IncidentDetail, ctx: CommandContext): string {
  const municipality = ctx.municipalities.byCode(incident.municipalityCode);
  const today = municipality ? `${municipality.name} (${municipality.code})` : incident.municipalityCode;
  return incident.municipalityAsWritten ? ctx.t('incident.municipalityAsWritten', { today, written: incident.municipalityAsWritten }) : today;
}

export function incidentBlocks(incident: IncidentDetail, history: readonly IncidentChange[], ctx: CommandContext): Block[] {
  const t = ctx.t;
  const blocks: Block[] = [
    {
      kind: 'facts',
      facts: [
        { label: t('incident.reference'), value: `*${incident.reference}*` },
        { label: t('incident.moment'), value: formatDateTime(incident.occurredAt, ctx.lang) },
        { label: t('incident.municipality'), value: municipalityText(incident, ctx) },
        { label: t('incident.target'), value: t(`incident.target.${incident.target}` as MessageKey) },
        { label: t('incident.outcome'), value: t(`incident.outcome.${incident.outcome}` as MessageKey) },
        { label: t('incident.means'), value: t(`means.${incident.means}` as MessageKey) },
        { label: t('incident.postcode'), value: incident.postcode4 ?? '–' },
        { label: t('incident.status'), value: t(`incident.status.${incident.status}` as MessageKey) },
        { label: t('incident.source'), value: t(`incident.source.${incident.source}` as MessageKey) },
      ],
    },
  ];
  if (history.length > 0) {
    blocks.push({
      kind: 'table',
      title: t('incident.history'),
      columns: [
        { header: t('incident.version'), align: 'right' },
        { header: t('incident.change'), align: 'left' },
        { header: t('incident.when'), align: 'left' },
        { header: t('incident.reason'), align: 'left' },
      ],
      rows: history.map((h) => [String(h.version), t(`incident.change.${h.change}` as MessageKey), formatDateTime(h.changedAt, ctx.lang), h.reason ?? '']),
    });
  }
  return blocks;
}

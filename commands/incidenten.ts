// `/ote incidenten [gemeente] [periode]`: the incidents themselves for those the policy lets see them
// (audited), and for everyone else the figures per municipality for that period.
import { maySeeDetail, scopeOf } from '../src/domain/policy.js';
import { rankingOfCounts } from '../src/domain/ranking.js';
import { TARGETS, type Municipality } from '../src/domain/types.js';
import type { Period } from '../src/domain/period.js';
import { areaAndPeriod, formerMunicipalityNote, resolveMunicipality, resolvePeriod } from '../src/commands/options.js';
import type { MessageKey } from '../src/i18n/index.js';
import { formatDateTime, formatNumber } from '../src/render/format.js';
import { coverageNotice } from '../src/figures/coverage.js';
import { smallNumbers } from '../src/render/small-numbers.js';
import { reply, type Block, type Reply } from '../src/render/reply.js';
import { auditLine } from '../src/store/audit.js';
import { listIncidentDetail } from '../src/store/incident-detail.js';
import { countIncidents } from '../src/store/incident-counts.js';
import { ALL_ROLES, defineCommand, type CommandContext } from './types.js';

const MAX_LISTED = 20;
const MAX_MUNICIPALITIES = 25;

export const incidenten = defineCommand({
  name: 'incidenten',
  aliases: ['incidents'],
  summary: 'incidenten.summary',
  usage: '/ote incidenten [gemeente] [periode]',
  roles: ALL_ROLES,
  ...areaAndPeriod,
  figures: true,
  async run(options, ctx) {
    const period = resolvePeriod(ctx, options.periode, 'jaar');
    // A municipality's own people start from their own municipality.
    const own = ctx.scope.kind === 'municipality' ? ctx.municipalities.byCode(ctx.scope.code) : undefined;
    const municipality = options.gemeente ? resolveMunicipality(ctx, options.gemeente) : own;
    const detail = municipality ? maySeeDetail(ctx.scope, municipality.code) : ctx.scope.kind === 'all';
    const [answer, coverage] = await Promise.all([
      detail ? detailList(ctx, period, municipality) : figures(ctx, period, municipality),
      coverageNotice(ctx.db, period.start, period.end, ctx),
    ]);
    const notes = [...formerMunicipalityNote(ctx, options.gemeente), ...(coverage ? [coverage] : [])];
    return notes.length > 0 ? { ...answer, blocks: [...answer.blocks, ...notes] } : answer;
  },
});

async function detailList(ctx: CommandContext, period: Period, municipality: Municipality | undefined): Promise<Reply> {
  const { total, incidents } = await listIncidentDetail(ctx.db, period.start, period.end, municipality?.code, MAX_LISTED, auditLine(
    ctx.actor,
    'incident.lijst-bekeken',
    `${municipality?.code ?? 'NL'} ${period.firstDay}..${period.lastDay}`,
    { kanaal: ctx.channel, gedeeld: ctx.shareInChannel },
  ));
  const where = municipality?.name ?? ctx.t('stats.national');
  const title = ctx.t('incidenten.title', { where, period: period.label[ctx.lang] });
  if (total === 0) return reply(title, [{ kind: 'text', text: ctx.t('stats.none') }]);
  const name = (code: string) => ctx.municipalities.byCode(code)?.name ?? code;
  return reply(title, [
    {
      kind: 'table',
      columns: [
        { header: ctx.t('incident.reference'), align: 'left' },
        { header: ctx.t('incident.moment'), align: 'left' },
        ...(municipality ? [] : [{ header: ctx.t('incident.municipality'), align: 'left' as const }]),
        { header: ctx.t('incident.target'), align: 'left' },
        { header: ctx.t('incident.outcome'), align: 'left' },
        { header: ctx.t('incident.postcode'), align: 'left' },
      ],
      rows: incidents.map((i) => [
        i.reference,
        formatDateTime(i.occurredAt, ctx.lang),
        ...(municipality ? [] : [name(i.municipalityCode)]),
        ctx.t(`incident.target.${i.target}` as MessageKey),
        ctx.t(`incident.outcome.${i.outcome}` as MessageKey),
        i.postcode4 ?? '–',
      ]),
    },
    {
      kind: 'context',
      text: ctx.t('incidenten.detailContext', { shown: formatNumber(incidents.length, ctx.lang), total: formatNumber(total, ctx.lang) }),
    },
  ]);
}

async function figures(ctx: CommandContext, period: Period, municipality: Municipality | undefined): Promise<Reply> {
  const counts = await countIncidents(ctx.db, {
    from: period.start, to: period.end, by: ['municipality', 'target'], ...(municipality ? { municipalityCode: municipality.code } : {}),
  });
  const totals = new Map<string, number>();
  for (const c of counts) totals.set(c.municipality, (totals.get(c.municipality) ?? 0) + c.n);
  const n = (value: number) => formatNumber(value, ctx.lang);
  const where = municipality?.name ?? ctx.t('stats.national');
  const { ranked } = rankingOfCounts(totals, MAX_MUNICIPALITIES, (code) => ctx.municipalities.byCode(code)?.name ?? code);
  const cells = smallNumbers(ctx.scope, ctx);
  const blocks: Block[] = [];
  if (totals.size === 0) blocks.push({ kind: 'text', text: ctx.t('stats.none') });
  else {
    const byTarget = (code: string, target: string) =>
      cells.count(code, counts.find((c) => c.municipality === code && c.target === target)?.n ?? 0);
    blocks.push({
      kind: 'table',
      columns: [
        { header: ctx.t('top.municipality'), align: 'left' },
        { header: ctx.t('stats.total'), align: 'right' },
        ...TARGETS.map((target) => ({ header: ctx.t(`target.${target}`), align: 'right' as const })),
      ],
      rows: ranked.map((r) => [
        ctx.municipalities.byCode(r.municipalityCode)?.name ?? r.municipalityCode,
        n(r.count),
        ...TARGETS.map((target) => byTarget(r.municipalityCode, target)),
      ]),
    });
  }
  // Say why there is no list: in a shared channel because of its members, otherwise because of the role.
  const entitledPrivately = municipality ? maySeeDetail(scopeOf(ctx.actor), municipality.code) : scopeOf(ctx.actor).kind === 'all';
  blocks.push({ kind: 'context', text: ctx.t(entitledPrivately && ctx.shareInChannel ? 'incidenten.figuresInChannel' : 'incidenten.figuresOnly') });
  const hidden = cells.notice();
  if (hidden) blocks.push(hidden);
  return reply(ctx.t('incidenten.figuresTitle', { where, period: period.label[ctx.lang] }), blocks);
}

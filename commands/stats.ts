import { monthSeries } from '../src/domain/ranking.js';
import { MEANS, OUTCOMES, TARGETS } from '../src/domain/types.js';
import { loadPeriodFigures } from '../src/figures/period.js';
import { sumArrests } from '../src/store/arrests.js';
import { areaAndPeriod, formerMunicipalityNote, resolveMunicipality, resolvePeriod } from '../src/commands/options.js';
import { periodNotes, previousText } from '../src/render/figures.js';
import { formatNumber } from '../src/render/format.js';
import { reply, type Block } from '../src/render/reply.js';
import { smallNumbers } from '../src/render/small-numbers.js';
import { ALL_ROLES, defineCommand } from './types.js';

export const stats = defineCommand({
  name: 'stats',
  aliases: ['cijfers'],
  summary: 'stats.summary',
  usage: '/ote stats [gemeente] [periode]',
  roles: ALL_ROLES,
  ...areaAndPeriod,
  cacheable: true,
  figures: true,
  async run(options, ctx) {
    const period = resolvePeriod(ctx, options.periode, 'jaar');
    const municipality = options.gemeente ? resolveMunicipality(ctx, options.gemeente) : undefined;
    const [figures, arrests] = await Promise.all([
      loadPeriodFigures(ctx.db, period, municipality?.code),
      municipality ? Promise.resolve(null) : sumArrests(ctx.db, period.firstDay, period.lastDay),
    ]);
    const { current } = figures;
    const code = municipality?.code ?? null;
    const cells = smallNumbers(ctx.scope, ctx);
    const n = (value: number) => formatNumber(value, ctx.lang);
    const where = municipality ? municipality.name : ctx.t('stats.national');

    const blocks: Block[] = [
      {
        kind: 'facts',
        facts: [
          { label: ctx.t('stats.total'), value: `*${n(current.total)}*` },
          ...(figures.published === null ? [] : [{ label: ctx.t('stats.published', { period: period.label[ctx.lang] }), value: n(figures.published) }]),
          { label: ctx.t('stats.previousYear', { period: figures.previous.label[ctx.lang] }), value: previousText(figures, ctx) },
          ...TARGETS.map((target) => ({ label: ctx.t(`target.${target}`), value: cells.count(code, current.byTarget[target]) })),
          ...OUTCOMES.map((outcome) => ({ label: ctx.t(`outcome.${outcome}`), value: cells.count(code, current.byOutcome[outcome]) })),
          ...(arrests === null ? [] : [{ label: ctx.t('stats.arrests'), value: n(arrests) }]),
        ],
      },
      {
        kind: 'table',
        title: ctx.t('stats.byMeans'),
        columns: [
          { header: ctx.t('stats.means'), align: 'left' },
          { header: ctx.t('stats.count'), align: 'right' },
        ],
        rows: MEANS.map((means) => [ctx.t(`means.${means}`), cells.count(code, current.byMeans[means])]),
      },
    ];
    // A bar for every month of the period, the empty ones included.
    const months = monthSeries(period.firstDay.slice(0, 7), period.lastDay.slice(0, 7), figures.months).map((m) => m.count);
    const bars = months.length > 1 ? cells.series(code, months) : null;
    if (bars) blocks.push({ kind: 'sparkline', label: ctx.t('stats.perMonth'), values: bars });
    if (current.total === 0) blocks.push({ kind: 'context', text: ctx.t('stats.none') });
    blocks.push(...formerMunicipalityNote(ctx, options.gemeente));
    blocks.push(...periodNotes(figures, ctx));
    const hidden = cells.notice();
    if (hidden) blocks.push(hidden);
    return reply(ctx.t('stats.title', { where, period: period.label[ctx.lang] }), blocks);
  },
});

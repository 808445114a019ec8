import { z } from 'zod';
import { rankingOfCounts } from '../src/domain/ranking.js';
import { countByMunicipality } from '../src/store/incident-counts.js';
import { countOption, optionalText, resolvePeriod } from '../src/commands/options.js';
import { coverageNotice } from '../src/figures/coverage.js';
import { formatNumber, formatPercent } from '../src/render/format.js';
import { reply, type Block } from '../src/render/reply.js';
import { MUNICIPALITY_COUNT } from '../src/reference/municipalities.js';
import { ALL_ROLES, defineCommand } from './types.js';

export const top = defineCommand({
  name: 'top',
  aliases: ['ranglijst'],
  summary: 'top.summary',
  usage: '/ote top [periode] [aantal]',
  roles: ALL_ROLES,
  options: [
    { name: 'periode', kind: 'period', description: 'option.periode' },
    { name: 'aantal', kind: 'count', description: 'option.aantal', max: MUNICIPALITY_COUNT },
  ],
  schema: z.object({ periode: optionalText, aantal: countOption(MUNICIPALITY_COUNT) }),
  cacheable: true,
  figures: true,
  async run(options, ctx) {
    const period = resolvePeriod(ctx, options.periode, 'jaar');
    const limit = options.aantal ?? 10;
    const [counts, coverage] = await Promise.all([
      countByMunicipality(ctx.db, period.start, period.end),
      coverageNotice(ctx.db, period.start, period.end, ctx),
    ]);
    const name = (code: string) => ctx.municipalities.byCode(code)?.name ?? code;
    const { ranked, tiedBeyond } = rankingOfCounts(counts, limit, name);
    let total = 0;
    for (const count of counts.values()) total += count;
    const title = ctx.t('top.title', { count: limit, period: period.label[ctx.lang] });
    const notes: Block[] = coverage ? [coverage] : [];
    if (ranked.length === 0) return reply(title, [{ kind: 'text', text: ctx.t('stats.none') }, ...notes]);
    const blocks: Block[] = [
      {
        kind: 'table',
        columns: [
          { header: '#', align: 'right' },
          { header: ctx.t('top.municipality'), align: 'left' },
          { header: ctx.t('stats.count'), align: 'right' },
          { header: ctx.t('top.share'), align: 'right' },
        ],
        rows: ranked.map((r) => [String(r.rank), name(r.municipalityCode), formatNumber(r.count, ctx.lang), formatPercent(r.share, ctx.lang)]),
      },
    ];
    if (tiedBeyond) {
      const key = tiedBeyond.others === 1 ? 'top.tiedBeyond.one' : 'top.tiedBeyond.other';
      blocks.push({ kind: 'text', text: ctx.t(key, { others: formatNumber(tiedBeyond.others, ctx.lang), count: formatNumber(tiedBeyond.count, ctx.lang) }) });
    }
    blocks.push({ kind: 'context', text: ctx.t('top.context', { total: formatNumber(total, ctx.lang) }) }, ...notes);
    return reply(title, blocks);
  },
});

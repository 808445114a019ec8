import { z } from 'zod';
import { TARGETS } from '../src/domain/types.js';
import { loadPeriodFigures } from '../src/figures/period.js';
import { loadMunicipalityProfile } from '../src/figures/profile.js';
import { formerMunicipalityNote, optionalText, resolveMunicipality, resolvePeriod } from '../src/commands/options.js';
import { periodNotes, previousText } from '../src/render/figures.js';
import { formatNumber, formatPercent } from '../src/render/format.js';
import { reply, type Block } from '../src/render/reply.js';
import { smallNumbers } from '../src/render/small-numbers.js';
import { ALL_ROLES, defineCommand } from './types.js';

export const gemeente = defineCommand({
  name: 'gemeente',
  aliases: ['municipality'],
  summary: 'gemeente.summary',
  usage: '/ote gemeente <naam> [periode]',
  roles: ALL_ROLES,
  options: [
    { name: 'naam', kind: 'municipality', description: 'option.gemeente' },
    { name: 'periode', kind: 'period', description: 'option.periode' },
  ],
  schema: z.object({ naam: z.string().trim().min(1).max(200), periode: optionalText }),
  cacheable: true,
  figures: true,
  async run(options, ctx) {
    const municipality = resolveMunicipality(ctx, options.naam);
    const period = resolvePeriod(ctx, options.periode, 'jaar');
    const loading = loadPeriodFigures(ctx.db, period, municipality.code);
    const [figures, profile] = await Promise.all([loading, loadMunicipalityProfile(ctx.db, period, municipality.code, loading)]);
    const code = municipality.code;
    const cells = smallNumbers(ctx.scope, ctx);
    const n = (value: number) => formatNumber(value, ctx.lang);
    const pct = (value: number | null) => (value === null ? '–' : formatPercent(value, ctx.lang));
    const { current } = figures;

    const blocks: Block[] = [
      {
        kind: 'facts',
        facts: [
          { label: ctx.t('stats.total'), value: `*${n(current.total)}*` },
          { label: ctx.t('stats.previousYear', { period: figures.previous.label[ctx.lang] }), value: previousText(figures, ctx) },
          { label: ctx.t('gemeente.rank'), value: profile.rank && current.total > 0 ? ctx.t('gemeente.rankValue', { rank: profile.rank, of: profile.of }) : '–' },
          { label: ctx.t('gemeente.share'), value: pct(profile.shareOfNational) },
          // The hour of the night is a cell below the municipality: one attack's hour is hidden from those without detail.
          { label: ctx.t('gemeente.night'), value: cells.share(code, profile.nightCount, current.total) },
          ...TARGETS.map((target) => ({ label: ctx.t(`target.${target}`), value: cells.count(code, current.byTarget[target]) })),
          { label: ctx.t('outcome.explosie'), value: cells.count(code, current.byOutcome.explosie) },
          { label: ctx.t('outcome.poging'), value: cells.count(code, current.byOutcome.poging) },
        ],
      },
    ];
    const bars = profile.byMonth.length > 1 ? cells.series(code, profile.byMonth.map((m) => m.count)) : null;
    if (bars) blocks.push({ kind: 'sparkline', label: ctx.t('stats.perMonth'), values: bars });
    blocks.push(...periodNotes(figures, ctx));
    const hidden = cells.notice();
    if (hidden) blocks.push(hidden);
    blocks.push(...formerMunicipalityNote(ctx, options.naam));
    blocks.push({ kind: 'context', text: ctx.t('gemeente.context', { code: municipality.code, province: municipality.province }) });
    return reply(ctx.t('gemeente.title', { name: municipality.name, period: period.label[ctx.lang] }), blocks);
  },
});

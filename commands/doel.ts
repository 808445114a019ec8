import { z } from 'zod';
import { countByLocalMonth } from '../src/domain/statistics.js';
import { loadTargetProgress } from '../src/figures/target.js';
import { changeText } from '../src/render/figures.js';
import { formatDateTime, formatNumber } from '../src/render/format.js';
import { reply, type Block } from '../src/render/reply.js';
import { ALL_ROLES, defineCommand } from './types.js';

export const doel = defineCommand({
  name: 'doel',
  aliases: ['target', 'voortgang'],
  summary: 'doel.summary',
  usage: '/ote doel [jaar]',
  roles: ALL_ROLES,
  options: [{ name: 'jaar', kind: 'year', required: false, description: 'option.jaar' }],
  schema: z.object({ jaar: z.coerce.number().int().min(2000).max(2099).optional() }),
  cacheable: true,
  figures: true,
  async run(options, ctx) {
    const loaded = await loadTargetProgress(ctx.db, ctx.now, options.jaar);
    const t = ctx.t;
    if (loaded.kind === 'no-target') return reply(t('doel.title.none'), [{ kind: 'text', text: t('doel.noTarget') }]);
    if (loaded.kind !== 'progress') {
      const key = loaded.kind === 'not-started' ? 'doel.notStarted' : 'doel.noBaseline';
      return reply(t('doel.title', { year: loaded.target.year, pct: loaded.target.reductionPercent, baseline: loaded.target.baselineYear }), [
        { kind: 'text', text: t(key, { year: loaded.target.year, baseline: loaded.target.baselineYear }) },
      ]);
    }
    const p = loaded.progress;
    const n = (value: number) => formatNumber(value, ctx.lang);
    const onTrack = p.status === 'op-koers';
    const blocks: Block[] = [];
    if (loaded.laterYearWithoutTarget) {
      blocks.push({ kind: 'context', text: t('doel.finalResult', { year: p.target.year, later: loaded.laterYearWithoutTarget }) });
    }
    blocks.push(
      {
        kind: 'text',
        text: p.yearComplete
          ? t(onTrack ? 'doel.finalMet' : 'doel.finalMissed', { year: p.target.year })
          : t(onTrack ? 'doel.statusOnTrack' : 'doel.statusOffTrack', { asOf: formatDateTime(p.asOf, ctx.lang) }),
      },
      {
        kind: 'facts',
        facts: [
          { label: t(p.yearComplete ? 'doel.yearTotal' : 'doel.yearToDate', { year: p.target.year }), value: `*${n(p.yearToDate)}*` },
          {
            label: t(p.yearComplete ? 'doel.baselineTotal' : 'doel.baselineSamePeriod', { baseline: p.target.baselineYear }),
            value: `${formatNumber(p.baselineSamePeriod, ctx.lang, p.method === 'same-period' ? 0 : 1)} (${changeText(p.changeAgainstBaseline, ctx)})`,
          },
          ...(p.yearComplete ? [] : [{ label: t('doel.allowance'), value: formatNumber(p.allowanceToDate, ctx.lang, 1) }]),
          {
            label: t('doel.cap', { year: p.target.year }),
            value: t('doel.capValue', { cap: n(p.cap), total: n(p.baselineTotal), factor: formatNumber((100 - p.target.reductionPercent) / 100, ctx.lang, 2) }),
          },
          { label: t('doel.roomLeft'), value: p.roomLeft >= 0 ? n(p.roomLeft) : t('doel.overBy', { count: n(-p.roomLeft) }) },
          ...(p.yearComplete ? [] : [{ label: t('doel.projection'), value: n(Math.round(p.projection)) }]),
          { label: t('doel.status'), value: t(`status.${p.yearComplete ? (onTrack ? 'gehaald' : 'niet-gehaald') : p.status}`) },
        ],
      },
      { kind: 'sparkline', label: t('doel.perMonth', { year: p.target.year }), values: countByLocalMonth(loaded.input.currentYear, p.target.year) },
      { kind: 'context', text: t(`method.${p.method}`, { baseline: p.target.baselineYear }) },
    );
    return reply(t('doel.title', { year: p.target.year, pct: p.target.reductionPercent, baseline: p.target.baselineYear }), blocks);
  },
});


import { z } from 'zod';
import { countPerMonth } from '../src/domain/tally.js';
import { loadTargetProgress } from '../src/figures/target.js';
import { changeText } from '../src/render/figures.js';
import { formatNumber, formatThrough } from '../src/render/format.js';
import { reply, type Block, type Fact } from '../src/render/reply.js';
import { finalText, laterYearFact, methodText, noStatusText, standingNotes } from '../src/render/target.js';
import type { TargetDefinition } from '../src/domain/types.js';
import { ALL_ROLES, defineCommand, type CommandContext } from './types.js';

/** `Plafond 2025: 1.388 (1.543 × 0,90, naar beneden afgerond)`. */
function capFact(target: TargetDefinition, cap: number, baselineTotal: number, ctx: CommandContext): Fact {
  const n = (value: number) => formatNumber(value, ctx.lang);
  const factor = formatNumber((100 - target.reductionPercent) / 100, ctx.lang, 2);
  return { label: ctx.t('doel.cap', { year: target.year }), value: ctx.t('doel.capValue', { cap: n(cap), total: n(baselineTotal), factor }) };
}

export const doel = defineCommand({
  name: 'doel',
  aliases: ['target', 'voortgang'],
  summary: 'doel.summary',
  usage: '/ote doel [jaar]',
  roles: ALL_ROLES,
  options: [{ name: 'jaar', kind: 'year', description: 'option.jaar' }],
  schema: z.object({ jaar: z.coerce.number().int().min(2000).max(2099).optional() }),
  cacheable: true,
  figures: true,
  async run(options, ctx) {
    const loaded = await loadTargetProgress(ctx.db, ctx.now, options.jaar);
    const t = ctx.t;
    if (loaded.kind === 'no-target') return reply(t('doel.title.none'), [{ kind: 'text', text: t('doel.noTarget') }]);
    if (loaded.kind !== 'progress') {
      const target = loaded.target;
      const blocks: Block[] = [{ kind: 'text', text: noStatusText(loaded, ctx)! }];
      if (loaded.kind === 'no-coverage') blocks.push({ kind: 'facts', facts: [capFact(target, loaded.cap, loaded.baselineTotal, ctx)] });
      return reply(t('doel.title', { year: target.year, pct: target.reductionPercent, baseline: target.baselineYear }), blocks);
    }
    const p = loaded.progress;
    const n = (value: number) => formatNumber(value, ctx.lang);
    const blocks: Block[] = [];
    if (loaded.laterYear) {
      blocks.push({ kind: 'context', text: t('doel.finalResult', { year: p.target.year, later: loaded.laterYear.year }) });
    }
    const baselineValue = `${formatNumber(p.baselineSamePeriod, ctx.lang, p.method === 'same-period' ? 0 : 1)} (${changeText(p.changeAgainstBaseline, ctx)})`;
    let facts: Fact[];
    if (p.yearComplete) {
      // A closed year has a final result, not a status: no allowance, no room, no projection.
      blocks.push({ kind: 'text', text: `*${finalText(p, ctx)}*` });
      facts = [
        { label: t('doel.yearTotal', { year: p.target.year }), value: `*${n(p.yearToDate)}*` },
        { label: t('doel.baselineTotal', { baseline: p.target.baselineYear }), value: baselineValue },
        capFact(p.target, p.cap, p.baselineTotal, ctx),
        { label: t('doel.status'), value: t(p.yearToDate <= p.cap ? 'status.gehaald' : 'status.niet-gehaald') },
        ...(loaded.laterYear ? [laterYearFact(loaded.laterYear, ctx)] : []),
      ];
    } else {
      const onTrack = p.status === 'op-koers';
      blocks.push({ kind: 'text', text: t(onTrack ? 'doel.statusOnTrack' : 'doel.statusOffTrack', { asOf: formatThrough(p.standsOn, ctx.lang) }) });
      facts = [
        { label: t('doel.yearToDate', { year: p.target.year }), value: `*${n(p.yearToDate)}*` },
        { label: t('doel.baselineSamePeriod', { baseline: p.target.baselineYear }), value: baselineValue },
        { label: t('doel.allowance'), value: formatNumber(p.allowanceToDate, ctx.lang, 1) },
        capFact(p.target, p.cap, p.baselineTotal, ctx),
        { label: t('doel.roomLeft'), value: p.roomLeft >= 0 ? n(p.roomLeft) : t('doel.overBy', { count: n(-p.roomLeft) }) },
        { label: t('doel.projection'), value: n(Math.round(p.projection)) },
        { label: t('doel.status'), value: t(`status.${p.status}`) },
        ...(loaded.laterYear ? [laterYearFact(loaded.laterYear, ctx)] : []),
      ];
    }
    blocks.push(
      { kind: 'facts', facts },
      { kind: 'sparkline', label: t('doel.perMonth', { year: p.target.year }), values: countPerMonth(loaded.input.currentYear, p.target.year) },
      ...standingNotes(p, ctx).map((text): Block => ({ kind: 'context', text })),
      { kind: 'context', text: methodText(p, ctx) },
    );
    return reply(t('doel.title', { year: p.target.year, pct: p.target.reductionPercent, baseline: p.target.baselineYear }), blocks);
  },
});

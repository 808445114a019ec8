// The one line a figures reply adds when its period reaches past what the register is complete for.
import { coverageGap, type CoverageSpan } from '../domain/coverage.js';
import type { Lang, Translate } from '../i18n/index.js';
import { formatDate, formatThrough } from '../render/format.js';
import type { Block } from '../render/reply.js';
import type { Db } from '../store/db.js';
import { registerCoverage } from '../store/coverage.js';

export function coverageText(spans: readonly CoverageSpan[], from: Date, to: Date, ctx: { t: Translate; lang: Lang }): string | null {
  const gap = coverageGap(spans, from, to);
  if (!gap) return null;
  if (gap.kind === 'none-covered') return ctx.t('coverage.none');
  const through = formatThrough(gap.coveredTo, ctx.lang);
  return gap.coveredFrom
    ? ctx.t('coverage.between', { from: formatDate(gap.coveredFrom, ctx.lang), through })
    : ctx.t('coverage.through', { through });
}

/** A context block saying through when the register is complete, or null when [from, to) is covered. */
export async function coverageNotice(db: Db, from: Date, to: Date, ctx: { t: Translate; lang: Lang }): Promise<Block | null> {
  const text = coverageText(await registerCoverage(db), from, to, ctx);
  return text ? { kind: 'context', text } : null;
}

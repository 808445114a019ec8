// Writes cells through the small-number rule of src/domain/policy.ts and remembers whether it hid any,
// so the reply can say that small numbers are hidden.
import { hidesSmallCell, hidesSmallShare, SMALL_NUMBER_THRESHOLD, type DetailScope } from '../domain/policy.js';
import type { Lang, Translate } from '../i18n/index.js';
import { formatNumber, formatPercent } from './format.js';
import type { Block } from './reply.js';

export interface SmallNumbers {
  /** A count, or `<3`. */
  count(municipalityCode: string | null, value: number): string;
  /** A percentage of `part` in `whole`, `<3` when hidden, `–` without a whole. */
  share(municipalityCode: string | null, part: number, whole: number): string;
  /** The values of a chart, or null when one of its bars would give a small cell away. */
  series(municipalityCode: string | null, values: readonly number[]): number[] | null;
  /** "Small numbers are hidden", when anything was; else null. */
  notice(): Block | null;
}

export function smallNumbers(scope: DetailScope, ctx: { t: Translate; lang: Lang }): SmallNumbers {
  let hidden = false;
  const hiddenText = `<${SMALL_NUMBER_THRESHOLD}`;
  return {
    count(code, value) {
      if (!hidesSmallCell(scope, code, value)) return formatNumber(value, ctx.lang);
      hidden = true;
      return hiddenText;
    },
    share(code, part, whole) {
      if (whole === 0) return '–';
      if (!hidesSmallShare(scope, code, part, whole)) return formatPercent(part / whole, ctx.lang);
      hidden = true;
      return hiddenText;
    },
    series(code, values) {
      if (!values.some((v) => hidesSmallCell(scope, code, v))) return [...values];
      hidden = true;
      return null;
    },
    notice() {
      return hidden ? { kind: 'context', text: ctx.t('figures.smallHidden', { threshold: SMALL_NUMBER_THRESHOLD }) } : null;
    },
  };
}

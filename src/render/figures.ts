// Small phrases the figures replies share.
import type { Lang, Translate } from '../i18n/index.js';
import { formatChange } from './format.js';

export function changeText(change: number | null, ctx: { lang: Lang; t: Translate }): string {
  return change === null ? ctx.t('figures.noComparison') : ctx.t('figures.change', { change: formatChange(change, ctx.lang) });
}

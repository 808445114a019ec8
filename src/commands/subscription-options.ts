// The options of `/ote abonneer` (time of day, days) parsed and described, shared with `/ote abonnementen`.
import type { CommandContext } from '../../commands/types.js';
import type { Subscription } from '../store/subscriptions.js';
import { echo } from '../domain/echo.js';
import { UserError } from './errors.js';

export const TIME_PATTERN = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;
const DAY_NAMES: Record<string, number> = {
  ma: 1, maandag: 1, di: 2, dinsdag: 2, wo: 3, woensdag: 3, do: 4, donderdag: 4, vr: 5, vrijdag: 5, za: 6, zaterdag: 6, zo: 7, zondag: 7,
};
const DAY = `(?:${Object.keys(DAY_NAMES).join('|')})`;
/** Recognises the days option in typed text: `werkdagen`, `dagelijks`, `weekend`, `ma,wo,vr`, `ma-vr`. */
export const DAYS_PATTERN = new RegExp(`^(?:werkdagen|dagelijks|weekend|${DAY}(?:-${DAY})?(?:,${DAY}(?:-${DAY})?)*)$`, 'i');

export const WORKDAYS = [1, 2, 3, 4, 5];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

/** `08:00` or `8.30` → minutes after midnight. */
export function parsePostTime(ctx: CommandContext, value: string | undefined): number {
  if (value === undefined) return 8 * 60;
  const match = TIME_PATTERN.exec(value.trim());
  if (!match) throw new UserError(ctx.t('abonneer.invalidTime', { value: echo(value) }));
  return Number(match[1]) * 60 + Number(match[2]);
}

/** ISO weekdays, sorted; default werkdagen (Monday to Friday; public holidays are not skipped). */
export function parseWeekdays(ctx: CommandContext, value: string | undefined): number[] {
  const text = (value ?? 'werkdagen').trim().toLowerCase();
  if (!DAYS_PATTERN.test(text)) throw new UserError(ctx.t('abonneer.invalidDays', { value: echo(value ?? '') }));
  if (text === 'werkdagen') return WORKDAYS;
  if (text === 'dagelijks') return EVERY_DAY;
  if (text === 'weekend') return [6, 7];
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to] = part.split('-').map((name) => DAY_NAMES[name]!);
    // A range may wrap past Sunday: `vr-ma` is Friday to Monday.
    for (let day = from!, steps = 0; steps < 7; day = (day % 7) + 1, steps++) {
      days.add(day);
      if (day === (to ?? from)) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

export function formatPostTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export function describeWeekdays(ctx: CommandContext, weekdays: readonly number[]): string {
  const key = weekdays.join(',');
  if (key === WORKDAYS.join(',')) return ctx.t('subscription.days.werkdagen');
  if (key === EVERY_DAY.join(',')) return ctx.t('subscription.days.dagelijks');
  const names = weekdays.map((d) => ctx.t(`weekday.${d}` as Parameters<CommandContext['t']>[0]));
  return ctx.t('subscription.days.list', { days: names.join(', ') });
}

export function describeScope(ctx: CommandContext, subscription: Pick<Subscription, 'municipalityCode'>): string {
  const municipality = subscription.municipalityCode ? ctx.municipalities.byCode(subscription.municipalityCode) : undefined;
  return municipality
    ? ctx.t('subscription.scope.municipality', { name: municipality.name })
    : ctx.t('subscription.scope.national');
}

// Option helpers the figures commands share: zod pieces and the resolution of periods and municipalities
// (which needs the command's moment and the municipality index, so it happens in the handler).
import { z } from 'zod';
import type { CommandContext } from '../../commands/types.js';
import { parsePeriod, type Period } from '../domain/period.js';
import type { Municipality } from '../domain/types.js';
import { formatLocalDate } from '../render/format.js';
import type { Block } from '../render/reply.js';
import { UserError } from './errors.js';

export const optionalText = z.string().trim().max(200).optional();

/** `[gemeente] [periode]`: the options of a command that looks at one area (or the country) over a period. */
export const areaAndPeriod = {
  options: [
    { name: 'gemeente', kind: 'municipality', description: 'option.gemeente' },
    { name: 'periode', kind: 'period', description: 'option.periode' },
  ],
  schema: z.object({ gemeente: optionalText, periode: optionalText }),
} as const;
export const countOption = (max: number) => z.coerce.number().int().min(1).max(max).optional();

export function resolvePeriod(ctx: CommandContext, token: string | undefined, fallback: string): Period {
  const result = parsePeriod(token ?? fallback, ctx.now);
  if (!result.ok) throw new UserError(result.reason[ctx.lang]);
  return result.period;
}

export function resolveMunicipality(ctx: CommandContext, name: string): Municipality {
  const found = ctx.municipalities.resolve(name);
  if (found.ok) return found.municipality;
  const suggestions = found.suggestions.map((m) => m.name);
  if (found.ambiguous) throw new UserError(ctx.t('municipality.ambiguous', { name, candidates: suggestions.join(ctx.t('municipality.or')) }));
  throw new UserError(
    suggestions.length > 0
      ? ctx.t('municipality.unknownWithSuggestions', { name, suggestions: suggestions.join(', ') })
      : ctx.t('municipality.unknown', { name }),
  );
}

/** When `name` is a municipality merged since (`Weesp`), a line saying which one it is part of now; none without a name. */
export function formerMunicipalityNote(ctx: CommandContext, name: string | undefined): Block[] {
  if (name === undefined) return [];
  const found = ctx.municipalities.resolve(name);
  if (!found.ok || !found.former) return [];
  const since = formatLocalDate(found.former.since, ctx.lang);
  return [{ kind: 'context', text: ctx.t('municipality.former', { former: found.former.name, today: found.municipality.name, since }) }];
}

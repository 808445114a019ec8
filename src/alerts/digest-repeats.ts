// The digest's line about repeats, for a channel whose audience may see the areas: the areas hit again
// (within the repeat window) among the attacks since the previous digest, or the last 24 hours.
import type { MunicipalityIndex } from '../domain/municipalities.js';
import { maySeeBelowMunicipality, type DetailScope } from '../domain/policy.js';
import { repeatAreas } from '../domain/repeats.js';
import { translator, type Lang } from '../i18n/index.js';
import type { Block } from '../render/reply.js';
import type { Db } from '../store/db.js';
import { areaIncidents } from '../store/repeats.js';

const DAY_MS = 86_400_000;
const LISTED = 10;

export async function digestRepeatBlocks(
  db: Db,
  municipalities: MunicipalityIndex,
  input: { scope: DetailScope; municipalityCode: string | null; since?: Date; at: Date; lang: Lang; windowDays: number },
): Promise<Block[]> {
  if (input.scope.kind === 'none') return [];
  const start = input.since ?? new Date(input.at.getTime() - DAY_MS);
  const counted = await areaIncidents(db, new Date(start.getTime() - input.windowDays * DAY_MS), input.at, input.municipalityCode);
  const areas = repeatAreas(counted, start, input.at, input.windowDays).filter((a) => maySeeBelowMunicipality(input.scope, a.area.municipalityCode));
  if (areas.length === 0) return [];
  const t = translator(input.lang);
  const name = (code: string) => municipalities.byCode(code)?.name ?? code;
  const listed = areas.slice(0, LISTED).map((a) => (a.area.kind === 'postcode' ? `${a.area.postcode4} (${name(a.area.municipalityCode)})` : `${name(a.area.municipalityCode)} (${t('herhalingen.wholeMunicipality')})`));
  if (areas.length > LISTED) listed.push('…');
  return [{ kind: 'text', text: t('digest.repeatsText', { days: input.windowDays, areas: listed.join(', ') }) }];
}

/** `extra` after the digest's content and before its closing context lines and chart. */
export function withBlocksBeforeContext(blocks: readonly Block[], extra: readonly Block[]): Block[] {
  if (extra.length === 0) return [...blocks];
  let at = blocks.length;
  while (at > 0 && (blocks[at - 1]!.kind === 'context' || blocks[at - 1]!.kind === 'chart')) at--;
  return [...blocks.slice(0, at), ...extra, ...blocks.slice(at)];
}

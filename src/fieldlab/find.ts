// Finds the intervention a user names, or explains why not (unknown, or several match).
import { UserError } from '../commands/errors.js';
import type { Intervention } from '../domain/fieldlab.js';
import { matchByName } from '../domain/name-match.js';
import type { Translate } from '../i18n/index.js';
import type { Db } from '../store/db.js';
import { listInterventions } from '../store/interventions.js';

export async function resolveIntervention(db: Db, name: string, t: Translate): Promise<Intervention> {
  const all = await listInterventions(db);
  const found = matchByName(all, name, (i) => [i.name]);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new UserError(t('interventie.unknown', { name }));
  throw new UserError(t('interventie.ambiguous', { name, names: found.map((i) => i.name).join(', ') }));
}

/** True when `text` is exactly the name of an intervention (so `Stop de knal` is a name, not `stop`). */
export async function isInterventionName(db: Db, text: string): Promise<boolean> {
  const all = await listInterventions(db);
  const wanted = text.trim().toLowerCase();
  return all.some((i) => i.name.trim().toLowerCase() === wanted);
}

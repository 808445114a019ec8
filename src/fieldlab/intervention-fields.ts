// Checks the `veld=waarde` fields of `/ote interventie nieuw|wijzig`, and words every problem at once.
import { DateTime } from 'luxon';
import { UserError } from '../commands/errors.js';
import { INTERVENTION_STATUSES, MAX_LENGTH_DAYS, type InterventionStatus } from '../domain/fieldlab.js';
import { platforms } from '../platforms/index.js';
import { ROLES } from '../domain/types.js';
import type { Translate } from '../i18n/index.js';

export interface CheckedFields {
  name?: string;
  channel?: string;
  startDate?: string;
  lengthDays?: number;
  owners?: string[];
  description?: string;
  status?: InterventionStatus;
  lang?: 'nl' | 'en';
  teamRoles?: string[];
}

export function isLocalDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid;
}

export function checkFields(raw: ReadonlyMap<string, string>, t: Translate, required: readonly string[]): CheckedFields {
  const problems: string[] = [];
  const bad = (field: string, reason: string) => problems.push(`• ${t('interventie.badField', { field, reason })}`);
  for (const field of required) if (!raw.has(field)) bad(field, t('interventie.reason.required'));
  const checked: CheckedFields = {};

  const name = raw.get('naam');
  if (name !== undefined) {
    if (name.length > 120) bad('naam', t('interventie.reason.tooLong', { max: 120 }));
    else checked.name = name;
  }
  const channel = raw.get('kanaal');
  if (channel !== undefined) {
    const normalized = platforms.normalizeChannel(channel);
    if (!normalized) bad('kanaal', t('interventie.reason.channel'));
    else checked.channel = normalized;
  }
  const start = raw.get('start');
  if (start !== undefined) {
    if (!isLocalDate(start)) bad('start', t('interventie.reason.date'));
    else checked.startDate = start;
  }
  const length = raw.get('duur');
  if (length !== undefined) {
    const days = /^\d{1,3}$/.test(length) ? Number(length) : NaN;
    if (!(days >= 1 && days <= MAX_LENGTH_DAYS)) bad('duur', t('interventie.reason.length', { max: MAX_LENGTH_DAYS }));
    else checked.lengthDays = days;
  }
  const owners = raw.get('eigenaren');
  if (owners !== undefined) {
    const list = owners.split(/[,;]/).map((o) => o.trim()).filter(Boolean);
    if (list.length > 25 || list.some((o) => o.length > 120)) bad('eigenaren', t('interventie.reason.owners'));
    else checked.owners = list;
  }
  const description = raw.get('omschrijving');
  if (description !== undefined) {
    if (description.length > 1000) bad('omschrijving', t('interventie.reason.tooLong', { max: 1000 }));
    else checked.description = description;
  }
  const lang = raw.get('taal')?.toLowerCase();
  if (lang !== undefined) {
    if (lang !== 'nl' && lang !== 'en') bad('taal', t('interventie.reason.lang'));
    else checked.lang = lang;
  }
  const team = raw.get('team')?.toLowerCase();
  if (team !== undefined) {
    const roles = team === 'geen' || team === 'none' ? [] : team.split(/[,;\s]+/).filter(Boolean);
    if (roles.some((r) => !(ROLES as readonly string[]).includes(r))) bad('team', t('interventie.reason.team'));
    else checked.teamRoles = [...new Set(roles)];
  }
  const status = raw.get('status')?.toLowerCase();
  if (status !== undefined) {
    if (!(INTERVENTION_STATUSES as readonly string[]).includes(status)) bad('status', t('interventie.reason.status', { choices: INTERVENTION_STATUSES.join(', ') }));
    else checked.status = status as InterventionStatus;
  }
  if (problems.length > 0) throw new UserError(`${problems.join('\n')}\n${t('interventie.fieldsHelp')}`);
  return checked;
}

export function checkDay(text: string, length: number, t: Translate, field: string): number {
  const day = /^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(day >= 0 && day <= length)) throw new UserError(t('interventie.badField', { field, reason: t('interventie.reason.day', { length }) }));
  return day;
}

/** `30>35`, `30->35`, `30→35`, `30 35`. */
export function parseMove(text: string, length: number, t: Translate): { from: number; to: number } {
  const match = /^(\d{1,3})\s*(?:>|->|→|:|\s)\s*(\d{1,3})$/.exec(text.trim());
  if (!match) throw new UserError(t('interventie.badField', { field: 'verplaats', reason: t('interventie.reason.move') }));
  return { from: checkDay(match[1]!, length, t, 'verplaats'), to: checkDay(match[2]!, length, t, 'verplaats') };
}

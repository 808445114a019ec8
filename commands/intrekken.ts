// `/ote intrekken <referentie> <reden>` (also `/ote incident intrekken …`): the police or the programme office
// withdraws an incident. It stops counting everywhere; its history and the reason are kept.
import { z } from 'zod';
import { UserError } from '../src/commands/errors.js';
import { maySeeDetail } from '../src/domain/policy.js';
import { incidentBlocks } from '../src/intake/incident-reply.js';
import { withdrawAndAudit } from '../src/intake/record.js';
import { nudgeAlerts } from '../src/alerts/clock.js';
import { reply, type Block, type Reply } from '../src/render/reply.js';
import { whoFromActor } from '../src/store/audit.js';
import { findIncident, incidentHistory } from '../src/store/incident-detail.js';
import { defineAction, defineCommand, type CommandContext } from './types.js';

const MAX_REASON = 300;

const options = [{ name: 'tekst', kind: 'text', description: 'intrekken.option.tekst' }] as const;
const schema = z.object({ tekst: z.string().trim().max(1000).optional() });

export const intrekken = defineCommand({
  name: 'intrekken',
  aliases: ['withdraw'],
  summary: 'intrekken.summary',
  usage: '/ote intrekken <referentie> <reden>',
  roles: [],
  preconditions: ['registerbeheer'],
  options,
  schema,
  run: (options, ctx) => withdrawFromText(options.tekst ?? '', ctx),
});

/** `/ote incident intrekken …`: the same, as an action of `/ote incident`. */
export const withdrawIncident = defineAction({
  name: 'intrekken',
  aliases: ['withdraw'],
  summary: 'intrekken.summary',
  usage: '/ote incident intrekken <referentie> <reden>',
  preconditions: ['registerbeheer'],
  options,
  schema,
  run: (options, ctx) => withdrawFromText(options.tekst ?? '', ctx),
});

/** `<referentie> <reden…>`. */
async function withdrawFromText(text: string, ctx: CommandContext): Promise<Reply> {
  const { t } = ctx;
  const [reference, ...words] = text.trim().split(/\s+/).filter(Boolean);
  if (!reference) throw new UserError(t('intrekken.needReference'));
  const reason = words.join(' ');
  if (reason.length < 3) throw new UserError(t('intrekken.needReason', { reference }));
  if (reason.length > MAX_REASON) throw new UserError(t('intrekken.reasonTooLong', { max: MAX_REASON }));

  const found = await findIncident(ctx.db, reference);
  if (!found) throw new UserError(t('incident.notFound', { reference }));
  if (found.status === 'ingetrokken' || !(await withdrawAndAudit(ctx.db, found.reference, reason, whoFromActor(ctx.actor)))) {
    throw new UserError(t('intrekken.already', { reference: found.reference }));
  }
  nudgeAlerts(ctx.services.enqueue); // alerts: mark it withdrawn now
  // Shared with a channel not all of whose members may see it: not even the reference.
  if (!maySeeDetail(ctx.scope, found.municipalityCode)) return reply(t('intrekken.title'), [{ kind: 'text', text: t('intrekken.doneNotInChannel') }]);
  const stored = (await findIncident(ctx.db, found.reference))!;
  const blocks: Block[] = [
    { kind: 'text', text: t('intrekken.done', { reference: found.reference }) },
    ...incidentBlocks(stored, await incidentHistory(ctx.db, found.reference), ctx),
  ];
  return reply(t('intrekken.title'), blocks);
}

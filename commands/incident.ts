// `/ote incident <referentie>`: one incident's detail and history, for those the policy lets see it, and
// audited; `/ote incident intrekken <referentie> <reden>` withdraws it (see intrekken.ts).
import { z } from 'zod';
import { UserError } from '../src/commands/errors.js';
import { passes } from '../src/commands/preconditions.js';
import { DETAIL_ROLES, maySeeDetail, scopeOf } from '../src/domain/policy.js';
import { incidentBlocks } from '../src/intake/incident-reply.js';
import { reply } from '../src/render/reply.js';
import { auditLine } from '../src/store/audit.js';
import { lookAtIncident } from '../src/store/incident-detail.js';
import { withdrawIncident } from './intrekken.js';
import { defineCommand } from './types.js';

export const incident = defineCommand({
  name: 'incident',
  summary: 'incident.summary',
  usage: '/ote incident <referentie>',
  roles: DETAIL_ROLES,
  options: [{ name: 'tekst', kind: 'text', description: 'incident.option.tekst' }],
  schema: z.object({ tekst: z.string().trim().max(1000).optional() }),
  actions: [withdrawIncident],
  figures: true,
  async run(options, ctx) {
    const [reference, ...rest] = (options.tekst ?? '').split(/\s+/).filter(Boolean);
    if (!reference) throw new UserError(ctx.t('incident.needReference'));
    if (rest.length > 0) throw new UserError(ctx.t('incident.oneReference'));

    // The look is on record with the read, before anything is answered.
    const { found, history } = await lookAtIncident(ctx.db, reference, ctx.scope, auditLine(
      ctx.actor,
      'incident.inzage-geweigerd',
      reference,
      { kanaal: ctx.channel, gedeeld: ctx.shareInChannel },
    ));
    const allowed = found !== null && maySeeDetail(ctx.scope, found.municipalityCode);
    if (!allowed) {
      // Someone entitled who asked to share in a channel hears why; everyone else cannot tell
      // "not yours" from "does not exist".
      if (found && ctx.shareInChannel && maySeeDetail(scopeOf(ctx.actor), found.municipalityCode)) {
        throw new UserError(ctx.t('policy.notInChannel'));
      }
      throw new UserError(ctx.t('incident.notFound', { reference }));
    }
    const blocks = incidentBlocks(found, history, ctx);
    const editor = passes('registerbeheer', ctx.actor);
    blocks.push({ kind: 'context', text: ctx.t(editor ? 'incident.contextEditor' : 'incident.context', { reference: found.reference }) });
    return reply(ctx.t('incident.title', { reference: found.reference }), blocks);
  },
});

// `/ote kanaal`: who this channel's shared replies, digests and alerts are written for, and why: its
// members with their partner roles, the least-entitled of them, and what that lets the channel see.
// `/ote kanaal leden politie,gemeente:Rotterdam` (programme office) sets the members by hand (the console,
// tests, a channel whose platform does not list members); `/ote kanaal leden wis` asks the platform again.
import { z } from 'zod';
import { channelAudience, setChannelAudience } from '../src/audience/channel.js';
import { scopeWords } from '../src/alerts/reply.js';
import { UserError } from '../src/commands/errors.js';
import { leastEntitled, parseAudienceMember, type AudienceMember } from '../src/domain/audience.js';
import { reply, type Block } from '../src/render/reply.js';
import { audit, auditLine } from '../src/store/audit.js';
import { findAlertSubscription } from '../src/store/alerts.js';
import { ALL_ROLES, defineAction, defineCommand, type CommandContext } from './types.js';

const LISTED = 25;

export const kanaal = defineCommand({
  name: 'kanaal',
  aliases: ['channel'],
  summary: 'kanaal.summary',
  usage: '/ote kanaal [leden <rol,gemeente:naam,…> | leden wis]',
  roles: ALL_ROLES,
  options: [],
  schema: z.object({}),
  actions: [
    defineAction({
      name: 'leden',
      aliases: ['members'],
      summary: 'kanaal.action.leden',
      usage: '/ote kanaal leden <rol,gemeente:naam,…> | wis',
      preconditions: ['programmabureau'],
      options: [{ name: 'rollen', kind: 'text', description: 'kanaal.option.rollen' }],
      schema: z.object({ rollen: z.string().trim().max(500).optional() }),
      async run(options, ctx) {
        const members = parseMembers(options.rollen ?? '', ctx);
        await ctx.db.transaction(async (tx) => {
          await setChannelAudience(tx, ctx.channel, members, `${ctx.actor.platform}:${ctx.actor.userId}`);
          await audit(tx, auditLine(ctx.actor, 'kanaal.leden-ingesteld', ctx.channel, { rollen: members?.map((m) => m.municipalityCode ? `${m.role}:${m.municipalityCode}` : m.role).join(',') ?? 'platform' }));
        });
        return show(ctx);
      },
    }),
  ],
  run: (_options, ctx) => show(ctx),
});

function parseMembers(text: string, ctx: CommandContext): AudienceMember[] | null {
  const tokens = text.split(/[,\s]+/).filter(Boolean);
  if (tokens.length === 1 && ['wis', 'clear'].includes(tokens[0]!.toLowerCase())) return null;
  if (tokens.length === 0) throw new UserError(ctx.t('kanaal.needRoles'));
  return tokens.map((token, index) => {
    const member = parseAudienceMember(token, index, (name) => {
      const found = ctx.municipalities.resolve(name);
      return found.ok ? found.municipality.code : undefined;
    });
    if (!member) throw new UserError(ctx.t('kanaal.badRole', { value: token.slice(0, 40) }));
    return member;
  });
}

async function show(ctx: CommandContext) {
  const audience = await channelAudience(ctx.db, ctx.services.posters ?? {}, ctx.channel);
  const verdict = leastEntitled(audience);
  const role = (m: AudienceMember) => (m.municipalityCode ? `${ctx.t(`role.${m.role}`)} (${ctx.municipalities.byCode(m.municipalityCode)?.name ?? m.municipalityCode})` : ctx.t(`role.${m.role}`));
  const blocks: Block[] = [{ kind: 'text', text: ctx.t(`kanaal.source.${audience.source}`, { count: audience.members.length }) }];
  if (audience.members.length > 0) {
    blocks.push({
      kind: 'table',
      columns: [{ header: ctx.t('kanaal.member'), align: 'left' }, { header: ctx.t('kanaal.role'), align: 'left' }],
      rows: audience.members.slice(0, LISTED).map((m) => [m.userId, role(m)]),
    });
    if (audience.members.length > LISTED) blocks.push({ kind: 'context', text: ctx.t('kanaal.more', { count: audience.members.length - LISTED }) });
  }
  const deciding = verdict.deciding.length > 0 ? verdict.deciding.slice(0, 5).map((m) => `${m.userId} (${role(m)})`).join(', ') : ctx.t('audience.unknownMember');
  blocks.push({ kind: 'text', text: ctx.t('kanaal.least', { members: deciding, scope: scopeWords(verdict.scope, ctx.lang, ctx.municipalities) }) });
  const alerts = await findAlertSubscription(ctx.db, ctx.channel);
  blocks.push({ kind: 'context', text: ctx.t(alerts ? 'kanaal.alertsOn' : 'kanaal.alertsOff') });
  return reply(ctx.t('kanaal.title'), blocks);
}

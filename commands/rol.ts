// `/ote rol`: the programme office lists, assigns and revokes partner roles of chat users and groups.
import { z } from 'zod';
import type { ParsedSubject } from '../src/domain/role-subject.js';
import { platforms } from '../src/platforms/index.js';
import { ROLES, type Role } from '../src/domain/types.js';
import { UserError } from '../src/commands/errors.js';
import { optionalText, resolveMunicipality } from '../src/commands/options.js';
import { groupMention, userMention } from '../src/render/mention.js';
import { reply, type Reply } from '../src/render/reply.js';
import { audit, auditLine } from '../src/store/audit.js';
import { assignRole, findRole, listRoles, removeRole, roleAuditSubject } from '../src/store/roles.js';
import { defineAction, defineCommand, type CommandContext } from './types.js';

const who = { name: 'wie', kind: 'text', description: 'rol.option.wie', pattern: platforms.subjects.pattern } as const;
const wie = z.string().trim().max(100).optional();

export const rol = defineCommand({
  name: 'rol',
  aliases: ['rollen', 'role'],
  summary: 'rol.summary',
  usage: '/ote rol',
  roles: ['programma'],
  own: { name: 'lijst', aliases: ['list'] },
  options: [],
  schema: z.object({}),
  actions: [
    defineAction({
      name: 'toewijzen',
      aliases: ['assign'],
      summary: 'rol.action.toewijzen',
      usage: '/ote rol toewijzen <@wie> <rol> [gemeente]',
      preconditions: ['programmabureau'],
      options: [
        who,
        { name: 'rol', kind: 'choice', description: 'rol.option.rol', choices: ROLES },
        { name: 'gemeente', kind: 'municipality', description: 'option.gemeente' },
      ],
      schema: z.object({ wie, rol: z.enum(ROLES).optional(), gemeente: optionalText }),
      run: (options, ctx) => assign(subjectOf(options.wie, ctx), options.rol, options.gemeente, ctx),
    }),
    defineAction({
      name: 'intrekken',
      aliases: ['revoke'],
      summary: 'rol.action.intrekken',
      usage: '/ote rol intrekken <@wie>',
      preconditions: ['programmabureau'],
      options: [who],
      schema: z.object({ wie }),
      run: (options, ctx) => revoke(subjectOf(options.wie, ctx), ctx),
    }),
  ],
  run: (_options, ctx) => list(ctx),
});

/** Who an assignment is for; never the asker themself. */
function subjectOf(text: string | undefined, ctx: CommandContext): ParsedSubject {
  const subject = parseSubject(text, ctx);
  if (subject.kind === 'user' && subject.id === ctx.actor.userId) throw new UserError(ctx.t('rol.notYourself'));
  return subject;
}

function parseSubject(text: string | undefined, ctx: CommandContext): ParsedSubject {
  if (!text) throw new UserError(ctx.t('rol.needSubject'));
  const subject = platforms.subjects.parse(text);
  if (!subject) throw new UserError(ctx.t('rol.badSubject', { text }));
  return subject;
}

function describe(subject: ParsedSubject, ctx: CommandContext) {
  return {
    kind: ctx.t(subject.kind === 'user' ? 'rol.kind.user' : 'rol.kind.group'),
    who: subject.id,
    platform: platforms.label(subject.platform),
  };
}

async function assign(subject: ParsedSubject, role: Role | undefined, place: string | undefined, ctx: CommandContext): Promise<Reply> {
  if (!role) throw new UserError(ctx.t('rol.needRole'));
  if (role === 'gemeente' && !place) throw new UserError(ctx.t('rol.needMunicipality'));
  if (role !== 'gemeente' && place) throw new UserError(ctx.t('rol.noMunicipality'));
  const municipality = place ? resolveMunicipality(ctx, place) : undefined;
  const code = municipality?.code ?? null;
  await ctx.db.transaction(async (tx) => {
    const before = await findRole(tx, subject);
    await assignRole(tx, subject, role, code, `${ctx.actor.platform}:${ctx.actor.userId}`);
    await audit(tx, auditLine(
      ctx.actor,
      'rol.toegewezen',
      roleAuditSubject(subject),
      { rol: role, gemeente: code, vorigeRol: before?.role ?? null },
    ));
  });
  const text = municipality
    ? ctx.t('rol.assignedMunicipality', { ...describe(subject, ctx), municipality: municipality.name })
    : ctx.t('rol.assigned', { ...describe(subject, ctx), role: ctx.t(`role.${role}`) });
  return reply(ctx.t('rol.assignedTitle'), [{ kind: 'text', text }]);
}

async function revoke(subject: ParsedSubject, ctx: CommandContext): Promise<Reply> {
  const removed = await ctx.db.transaction(async (tx) => {
    const gone = await removeRole(tx, subject);
    if (gone) {
      await audit(tx, auditLine(
        ctx.actor,
        'rol.ingetrokken',
        roleAuditSubject(subject),
        { rol: gone.role, gemeente: gone.municipalityCode },
      ));
    }
    return gone;
  });
  const text = removed
    ? ctx.t('rol.revoked', { ...describe(subject, ctx), role: ctx.t(`role.${removed.role}`) })
    : ctx.t('rol.notAssigned', describe(subject, ctx));
  return reply(ctx.t('rol.revokedTitle'), [{ kind: 'text', text }]);
}

async function list(ctx: CommandContext): Promise<Reply> {
  const assignments = await listRoles(ctx.db);
  if (assignments.length === 0) {
    return reply(ctx.t('rol.listTitle'), [
      { kind: 'text', text: ctx.t('rol.listEmpty') },
      { kind: 'context', text: ctx.t('rol.listContext') },
    ]);
  }
  const rows = assignments.map((a) => [
    (a.kind === 'user' ? userMention : groupMention)(`${a.platform}:${a.id}`),
    `${platforms.label(a.platform)} ${ctx.t(a.kind === 'user' ? 'rol.kind.user' : 'rol.kind.group')}`,
    ctx.t(`role.${a.role}`),
    a.municipalityCode ? (ctx.municipalities.byCode(a.municipalityCode)?.name ?? a.municipalityCode) : '',
    a.source === 'config' ? ctx.t('rol.byConfig') : userMention(a.assignedBy),
  ]);
  return reply(ctx.t('rol.listTitle'), [
    {
      kind: 'table',
      columns: [
        { header: ctx.t('rol.who'), align: 'left' },
        { header: ctx.t('rol.kind'), align: 'left' },
        { header: ctx.t('rol.role'), align: 'left' },
        { header: ctx.t('rol.municipality'), align: 'left' },
        { header: ctx.t('rol.by'), align: 'left' },
      ],
      rows,
    },
    { kind: 'context', text: ctx.t('rol.listContext') },
  ]);
}

// `/ote audit [periode]`: the programme office reads the audit trail: what changed and who looked at incident
// detail, per action, and the latest entries. The full trail is `ote audit export` (CSV).
import { userMention } from '../src/render/mention.js';
import { z } from 'zod';
import { UserError } from '../src/commands/errors.js';
import { optionalText, resolvePeriod } from '../src/commands/options.js';
import { ADMIN_ROLES } from '../src/domain/policy.js';
import { hasMessage, type MessageKey } from '../src/i18n/index.js';
import { formatDateTime, formatNumber } from '../src/render/format.js';
import { reply, type Block } from '../src/render/reply.js';
import { auditLine, auditedTrail } from '../src/store/audit.js';
import { defineCommand } from './types.js';

const LATEST = 20;

export const audit = defineCommand({
  name: 'audit',
  aliases: ['logboek'],
  summary: 'audit.summary',
  usage: '/ote audit [periode]',
  roles: ADMIN_ROLES,
  options: [{ name: 'periode', kind: 'period', description: 'option.periode' }],
  schema: z.object({ periode: optionalText }),
  async run(options, ctx) {
    // The trail names incidents and people's chat ids: never into a channel with others in it.
    if (ctx.scope.kind !== 'all') throw new UserError(ctx.t('policy.notInChannel'));
    const period = resolvePeriod(ctx, options.periode, '7d');
    // A period up to now includes what is written while answering (this look, for one).
    const days = period.end.getTime() >= ctx.now.getTime() ? { firstDay: period.firstDay } : { firstDay: period.firstDay, lastDay: period.lastDay };
    const look = auditLine(ctx.actor, 'audit.bekeken', `${period.firstDay}..${period.lastDay}`);
    const { counts, latest } = await auditedTrail(ctx.db, look, days, LATEST);
    const n = (value: number) => formatNumber(value, ctx.lang);
    const actionName = (action: string) => (hasMessage(`auditAction.${action}`) ? ctx.t(`auditAction.${action}` as MessageKey) : action);
    const blocks: Block[] = [
      {
        kind: 'table',
        title: ctx.t('audit.byAction'),
        columns: [
          { header: ctx.t('audit.action'), align: 'left' },
          { header: ctx.t('stats.count'), align: 'right' },
        ],
        rows: counts.map((c) => [actionName(c.action), n(c.count)]),
      },
      {
        kind: 'table',
        title: ctx.t('audit.latest', { count: LATEST }),
        columns: [
          { header: ctx.t('audit.when'), align: 'left' },
          { header: ctx.t('audit.who'), align: 'left' },
          { header: ctx.t('audit.role'), align: 'left' },
          { header: ctx.t('audit.action'), align: 'left' },
          { header: ctx.t('audit.subject'), align: 'left' },
        ],
        rows: latest.map((e) => [formatDateTime(e.at, ctx.lang), userMention(e.actor), e.role && hasMessage(`role.${e.role}`) ? ctx.t(`role.${e.role}` as MessageKey) : (e.role ?? ''), actionName(e.action), e.subject]),
      },
      { kind: 'context', text: ctx.t('audit.context') },
    ];
    return reply(ctx.t('audit.title', { period: period.label[ctx.lang] }), blocks);
  },
});

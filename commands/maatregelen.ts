// `/ote maatregelen [lijn]`: the measures of the action plan, per line of work, with progress against a
// numeric goal, due date and status (the owner is in `/ote maatregel <naam>`, to keep the table narrow).
import { z } from 'zod';
import { LINES, type LineOfWork } from '../src/domain/measures.js';
import { localDate } from '../src/domain/working-days.js';
import { measureDueLabel, measureProgressLabel, measureStatusLabel, measureText } from '../src/fieldlab/measure-labels.js';
import { reply, type Block } from '../src/render/reply.js';
import { listMeasures } from '../src/store/measures.js';
import { ALL_ROLES, defineCommand } from './types.js';

const LINE_WORDS: Record<string, LineOfWork> = {
  ...Object.fromEntries(LINES.map((l) => [l, l])),
  vervolging: 'opsporing',
  lokaal: 'nazorg',
  onderzoek: 'kennis',
  europa: 'europees',
  vuurwerk: 'europees',
};

export const maatregelen = defineCommand({
  name: 'maatregelen',
  aliases: ['actieplan', 'measures'],
  summary: 'maatregelen.summary',
  usage: '/ote maatregelen [preventie|opsporing|nazorg|kennis|communicatie|europees]',
  roles: ALL_ROLES,
  options: [{ name: 'lijn', kind: 'choice', description: 'maatregelen.option.lijn', choices: Object.keys(LINE_WORDS) }],
  schema: z.object({ lijn: z.enum(Object.keys(LINE_WORDS) as [string, ...string[]]).optional().transform((l) => (l ? LINE_WORDS[l] : undefined)) }),
  async run({ lijn }, ctx) {
    const t = ctx.t;
    const measures = await listMeasures(ctx.db, lijn);
    const today = localDate(ctx.now);
    const blocks: Block[] = [];
    for (const line of LINES) {
      const ofLine = measures.filter((m) => m.line === line);
      if (ofLine.length === 0) continue;
      blocks.push({
        kind: 'table',
        title: t(`measure.line.${line}`),
        columns: [
          { header: t('maatregelen.col.measure'), align: 'left' },
          { header: t('maatregelen.col.progress'), align: 'left' },
          { header: t('maatregelen.col.due'), align: 'left' },
          { header: t('maatregelen.col.status'), align: 'left' },
        ],
        rows: ofLine.map((m) => [
          `${measureText(m, 'name', ctx.t)} (${m.code})`,
          measureProgressLabel(m, ctx.lang, t),
          measureDueLabel(m, ctx.lang),
          measureStatusLabel(m, today, t),
        ]),
      });
    }
    if (blocks.length === 0) blocks.push({ kind: 'text', text: t('maatregelen.none') });
    blocks.push({ kind: 'context', text: t('maatregelen.context') });
    return reply(lijn ? t('maatregelen.titleLine', { line: t(`measure.line.${lijn}`) }) : t('maatregelen.title'), blocks);
  },
});

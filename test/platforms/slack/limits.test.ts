// Every registered command, with a full demo register (all 342 municipalities), large options and every
// role, rendered for Slack: each payload must stay within Block Kit's limits. New commands are covered
// automatically, because the invocations are derived from each command's option specs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import type { CommandDefinition } from '../../../commands/types.js';
import { runCommandText, type CommandRuntime } from '../../../src/commands/dispatch.js';
import type { Actor } from '../../../src/domain/types.js';
import { translator } from '../../../src/i18n/index.js';
import { silentLogger } from '../../../src/logger.js';
import { slackLimitProblems } from '../../../src/platforms/slack/limits.js';
import { renderSlack, slashCommandPayload } from '../../../src/platforms/slack/render.js';
import { loadDemoRegister } from '../../../src/store/demo.js';
import { assignRole } from '../../../src/store/roles.js';
import { openTestDb, type TestDb } from '../../support/db.js';
import { municipalities } from './harness.js';

const NOW = new Date('2025-06-30T10:00:00Z');
const ROLE_COUNT = 400;

/** The longest official municipality name, to stretch every column it appears in. */
function longestMunicipality(): string {
  return [...municipalities().all()].sort((a, b) => b.name.length - a.name.length)[0]!.name;
}

/** Invocations for one command: bare, with every option filled large, shared, and with each choice. */
export function invocationsOf(command: CommandDefinition): string[] {
  const words = (fill: (kind: string, choices?: readonly string[]) => string | undefined) =>
    command.options.map((o) => fill(o.kind, o.choices)).filter((w): w is string => Boolean(w));
  const large = words((kind, choices) => {
    switch (kind) {
      case 'period':
        return '2024';
      case 'count':
        return '342';
      case 'municipality':
        return longestMunicipality();
      case 'choice':
        return choices?.[0];
      default:
        return undefined;
    }
  });
  const texts = command.options.some((o) => o.kind === 'text' && !o.pattern) ? [`${'Zeer lange tekst met veel woorden '.repeat(14)}`] : [];
  const choices = command.options.flatMap((o) => (o.kind === 'choice' ? (o.choices ?? []) : []));
  return [
    command.name,
    [command.name, ...large].join(' '),
    [command.name, ...large, ...texts, 'publiek'].join(' '),
    `${command.name} 2025`,
    `${command.name} 7d`,
    ...choices.map((choice) => `${command.name} ${choice}`),
  ];
}

const actors: Actor[] = [
  { platform: 'slack', userId: 'U0OFFICE01', role: 'programma' },
  { platform: 'slack', userId: 'U0POLICE01', role: 'politie' },
  { platform: 'slack', userId: 'U0OM000001', role: 'om' },
  { platform: 'slack', userId: 'U0AMSTER01', role: 'gemeente', municipalityCode: 'GM0363' },
  { platform: 'slack', userId: 'U0PARTNER1', role: 'partner' },
];

describe('every command’s Slack payload stays within Block Kit limits', () => {
  let db: TestDb;
  let runtime: CommandRuntime;
  beforeAll(async () => {
    db = await openTestDb('pglite');
    runtime = { db, municipalities: municipalities(), logger: silentLogger, defaultLang: 'nl', services: {} };
    await loadDemoRegister(db, municipalities(), NOW);
    const all = municipalities().all();
    for (let i = 0; i < ROLE_COUNT; i++) {
      const place = all[i % all.length]!;
      await assignRole(db, { platform: 'slack', kind: i % 3 ? 'user' : 'group', id: `U${String(i).padStart(9, '0')}` }, 'gemeente', place.code, 'U0OFFICE01');
    }
  }, 120_000);
  afterAll(async () => {
    await db.dispose();
  });

  it.each(commands.map((c) => [c.name, c] as const))('/ote %s', async (_name, command) => {
    const problems: string[] = [];
    for (const actor of actors) {
      for (const text of invocationsOf(command)) {
        for (const lang of actor.role === 'programma' ? (['nl', 'en'] as const) : (['nl'] as const)) {
          const reply = await runCommandText(`${text}${lang === 'en' ? ' --lang en' : ''}`, { actor, channel: 'slack:C0LIMITS01', now: NOW }, runtime);
          const t = translator(lang);
          const asAnswer = slackLimitProblems(slashCommandPayload(reply, { t }));
          const asPost = slackLimitProblems(renderSlack({ ...reply, visibility: 'channel' }, { t }));
          for (const problem of [...asAnswer, ...asPost]) problems.push(`${actor.role} "${text}" ${lang}: ${problem}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('cuts the longest lists visibly rather than dropping them', async () => {
    const actor = actors[0]!;
    const top = slashCommandPayload(await runCommandText('top 2024 342', { actor, channel: 'slack:C1', now: NOW }, runtime), { t: translator('nl') });
    const roles = slashCommandPayload(await runCommandText('rol', { actor, channel: 'slack:C1', now: NOW }, runtime), { t: translator('nl') });
    for (const payload of [top, roles]) {
      expect(slackLimitProblems(payload)).toEqual([]);
      const shown = JSON.stringify(payload);
      // Either everything fits, or the cut says how much is left out.
      expect(payload.blocks.length < 50 || /… en \d+ meer/.test(shown)).toBe(true);
    }
    expect(JSON.stringify(roles)).toContain('U000000399');
  });
});

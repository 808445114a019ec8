// The ack budget: a reply ready in time goes in the ack; a command still running when its own budget is up
// is acked empty then and its reply follows via response_url.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, type CommandDefinition } from '../../../commands/types.js';
import { commandRegistry } from '../../../src/commands/registry.js';
import { handleSlashCommand } from '../../../src/platforms/slack/slash-command.js';
import { reply } from '../../../src/render/reply.js';
import type { Db } from '../../../src/store/db.js';
import { actor, testRuntime } from '../../support/runtime.js';

const BUDGET_MS = 100;

function testCommand(name: string, run: CommandDefinition['run']): CommandDefinition {
  return defineCommand({ name, summary: 'help.summary', usage: `/ote ${name}`, roles: ['programma'], options: [], schema: z.object({}), run });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the slash command ack budget', () => {
  const commands = commandRegistry([
    testCommand('snel', async () => reply('snel', [{ kind: 'text', text: 'snel' }])),
    testCommand('traag', async () => {
      await delay(BUDGET_MS * 2.5);
      return reply('traag', [{ kind: 'text', text: 'traag' }]);
    }),
  ]);
  const posted: { url: string; body: string; at: number }[] = [];
  const deps = {
    runtime: { ...testRuntime({} as Db), commands },
    actors: { resolve: async () => actor('programma') },
    client: {} as never,
    logger: testRuntime({} as Db).logger,
    ackBudgetMs: BUDGET_MS,
    fetch: (async (url: string, init: RequestInit) => {
      posted.push({ url: String(url), body: String(init.body), at: performance.now() });
      return new Response('ok');
    }) as typeof fetch,
  };

  async function send(text: string, id: string) {
    const started = performance.now();
    let acked: { at: number; payload: unknown } | undefined;
    const command = { text, user_id: 'U1', channel_id: 'C1', response_url: `https://hooks.test/${id}` } as never;
    await handleSlashCommand({ command, ack: (async (payload?: unknown) => void (acked ??= { at: performance.now(), payload })) as never }, deps);
    return { started, acked: acked! };
  }

  it('acks each slow command empty when its own budget is up, and posts its reply when it is done', async () => {
    const first = send('traag', 'eerste');
    await delay(BUDGET_MS / 2);
    const quick = send('snel', 'snel');
    const second = send('traag', 'tweede');
    const [a, q, b] = await Promise.all([first, quick, second]);

    expect(q.acked.payload).toMatchObject({ text: expect.stringContaining('snel') });
    for (const slow of [a, b]) {
      expect(slow.acked.payload).toBeUndefined();
      // Node's timers run on a millisecond clock, so up to a millisecond early by this one.
      expect(slow.acked.at - slow.started).toBeGreaterThanOrEqual(BUDGET_MS - 2);
      expect(slow.acked.at - slow.started).toBeLessThan(BUDGET_MS * 2);
    }
    expect(b.acked.at - a.acked.at).toBeGreaterThanOrEqual(BUDGET_MS / 2 - 5);
    expect(posted.map((p) => p.url).sort()).toEqual(['https://hooks.test/eerste', 'https://hooks.test/tweede']);
    expect(posted.every((p) => String(JSON.parse(p.body).text).startsWith('traag'))).toBe(true);
  });

  it('answers in the ack again once earlier slow commands are done', async () => {
    const { acked } = await send('snel', 'later');
    expect(acked.payload).toMatchObject({ text: expect.stringContaining('snel') });
  });
});

// Commands that arrive together while the process is busy: a partner connecting meanwhile is let in, and a
// command's database answer is read, between two commands, not after all of them.
import { createServer, connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, type CommandDefinition } from '../../commands/types.js';
import { runCommandText } from '../../src/commands/dispatch.js';
import { ownTurn } from '../../src/commands/own-turn.js';
import { commandRegistry } from '../../src/commands/registry.js';
import { reply } from '../../src/render/reply.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { actor, testRuntime } from '../support/runtime.js';

const BUSY_MS = 30;

function testCommand(name: string, run: CommandDefinition['run']): CommandDefinition {
  return defineCommand({ name, summary: 'help.summary', usage: `/ote ${name}`, roles: ['programma'], options: [], schema: z.object({}), run });
}

/** Keeps the thread busy, as a command that renders a large reply does. */
function busy(events: string[], label: string) {
  return testCommand(label, async () => {
    const until = performance.now() + BUSY_MS;
    while (performance.now() < until);
    events.push(label);
    return reply(label, []);
  });
}

describe('a command starts in a turn of its own', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb('postgres');
  });
  afterAll(() => db.dispose());

  const run = (text: string, commands: CommandDefinition[]) =>
    runCommandText(text, { actor: actor('programma'), channel: 'console:test' }, { ...testRuntime(db), commands: commandRegistry(commands) });

  it('lets a partner who connects meanwhile in after the first command, not after all five', async () => {
    const events: string[] = [];
    const commands = [1, 2, 3, 4, 5].map((i) => busy(events, `bezig${i}`));
    const server = createServer((socket) => {
      events.push('verbonden');
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const answers = Promise.all(commands.map((c) => run(`/ote ${c.name}`, commands)));
      const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
      client.on('error', () => undefined);
      await answers;
      await new Promise((resolve) => setTimeout(resolve, 50));
      client.destroy();
      expect(events.indexOf('verbonden')).toBeGreaterThanOrEqual(0);
      expect(events.indexOf('verbonden')).toBeLessThan(events.indexOf('bezig5'));
      expect(events.filter((e) => e.startsWith('bezig'))).toEqual(['bezig1', 'bezig2', 'bezig3', 'bezig4', 'bezig5']);
    } finally {
      server.close();
    }
  });

  it('reads a database answer between two busy commands, so the command that asked is not last', async () => {
    const events: string[] = [];
    const commands = [
      testCommand('vraag', async (_options, ctx) => {
        await ctx.db.query('SELECT 1');
        events.push('vraag');
        return reply('vraag', []);
      }),
      ...[1, 2, 3, 4, 5].map((i) => busy(events, `bezig${i}`)),
    ];
    await Promise.all(commands.map((c) => run(`/ote ${c.name}`, commands)));
    expect(events).toHaveLength(6);
    expect(events.indexOf('vraag')).toBeLessThan(events.indexOf('bezig5'));
  });

  it('starts waiters in the order they asked, one per turn', async () => {
    const order: string[] = [];
    let turns = 0;
    const tick = () => {
      turns += 1;
      if (turns < 20) setImmediate(tick);
    };
    setImmediate(tick);
    await Promise.all(['a', 'b', 'c'].map((name) => ownTurn().then(() => order.push(`${name}@${turns}`))));
    const [a, b, c] = order.map((o) => Number(o.split('@')[1]));
    expect(order.map((o) => o[0])).toEqual(['a', 'b', 'c']);
    expect(b).toBeGreaterThan(a!);
    expect(c).toBeGreaterThan(b!);
  });
});

import { describe, expect, it } from 'vitest';
import { lifecycle, type Part } from '../src/lifecycle.js';
import { silentLogger } from '../src/logger.js';

function recording(events: string[], name: string, behaviour: { stop?: () => Promise<void>; run?: () => Promise<void> } = {}): Part {
  return {
    name,
    start: async () => void events.push(`start ${name}`),
    stop: behaviour.stop ?? (async () => void events.push(`stop ${name}`)),
    ...(behaviour.run ? { run: behaviour.run } : {}),
  };
}

describe('the lifecycle', () => {
  it('starts parts in order and stops them in reverse, then what comes after them; a failing stop does not stop the rest', async () => {
    const events: string[] = [];
    const failing = recording(events, 'b', { stop: async () => { events.push('stop b'); throw new Error('stuck'); } });
    const life = lifecycle([recording(events, 'a'), failing, recording(events, 'c')], silentLogger, async () => void events.push('database'));
    await life.start();
    await life.stop();
    expect(events).toEqual(['start a', 'start b', 'start c', 'stop c', 'stop b', 'stop a', 'database']);
  });

  it('gives up on a stop that hangs after the timeout', async () => {
    const hanging = recording([], 'hangs', { stop: () => new Promise<void>(() => undefined) });
    const life = lifecycle([hanging], silentLogger, async () => undefined, 50);
    const started = Date.now();
    await life.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('runs the foreground work of the parts that have it, and is done at once when none has', async () => {
    const events: string[] = [];
    await lifecycle([recording(events, 'a')], silentLogger, async () => undefined).run();
    const prompt = recording(events, 'prompt', { run: async () => void events.push('ran prompt') });
    await lifecycle([recording(events, 'a'), prompt], silentLogger, async () => undefined).run();
    expect(events).toEqual(['ran prompt']);
  });
});

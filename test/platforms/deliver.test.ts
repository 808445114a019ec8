// deliverOnce on its own: a platform that may store a post and lose the answer, played by plain functions.
import { describe, expect, it } from 'vitest';
import { deliverOnce, LookupFailedError, type Delivery, type SendOutcome } from '../../src/platforms/deliver.js';

class Lost extends Error {}
class Unsent extends Error {}
class Refused extends Error {}

/** A channel that stores what is sent; `script` says, per send, whether the answer comes back. */
function channel(script: ('ok' | 'lost' | 'unsent' | 'refused')[], lookups: ('ok' | 'fail')[] = []) {
  const stored: string[] = [];
  const log: string[] = [];
  const delivery = (lookFirst = false): Delivery<string> => ({
    async send() {
      const step = script.shift() ?? 'ok';
      log.push(`send:${step}`);
      if (step === 'unsent') throw new Unsent();
      if (step === 'refused') throw new Refused();
      stored.push('post');
      if (step === 'lost') throw new Lost();
      return `m${stored.length}`;
    },
    async find() {
      const step = lookups.shift() ?? 'ok';
      log.push(`find:${step}`);
      if (step === 'fail') throw new Lost();
      return stored.length ? 'm1' : undefined;
    },
    outcome: (error): SendOutcome => (error instanceof Lost ? { kind: 'ambiguous' } : error instanceof Unsent ? { kind: 'unsent' } : { kind: 'final' }),
    lookFirst,
    delaysMs: [0, 0, 0],
    sleep: async () => undefined,
  });
  return { stored, log, delivery };
}

describe('deliverOnce', () => {
  it('finds a post whose answer was lost instead of sending it again', async () => {
    const c = channel(['lost']);
    expect(await deliverOnce(c.delivery())).toEqual({ result: 'm1', found: true });
    expect(c.stored).toHaveLength(1);
    expect(c.log).toEqual(['send:lost', 'find:ok']);
  });

  it('retries an unsent post without looking', async () => {
    const c = channel(['unsent', 'ok']);
    expect(await deliverOnce(c.delivery())).toEqual({ result: 'm1', found: false });
    expect(c.log).toEqual(['send:unsent', 'send:ok']);
  });

  it('looks first when told an earlier attempt may have posted', async () => {
    const c = channel([]);
    c.stored.push('post');
    expect(await deliverOnce(c.delivery(true))).toEqual({ result: 'm1', found: true });
    expect(c.log).toEqual(['find:ok']);
  });

  it('retries a failing lookup, then gives up with LookupFailedError without sending', async () => {
    const c = channel(['lost'], ['fail', 'fail', 'fail', 'fail']);
    await expect(deliverOnce(c.delivery())).rejects.toBeInstanceOf(LookupFailedError);
    expect(c.log).toEqual(['send:lost', 'find:fail', 'find:fail', 'find:fail', 'find:fail']);
    expect(c.stored).toHaveLength(1);
  });

  it('does not retry a final failure, and stops after the last delay', async () => {
    const refused = channel(['refused']);
    await expect(deliverOnce(refused.delivery())).rejects.toBeInstanceOf(Refused);
    expect(refused.log).toEqual(['send:refused']);
    const flaky = channel(['unsent', 'unsent', 'unsent', 'unsent', 'ok']);
    await expect(deliverOnce(flaky.delivery())).rejects.toBeInstanceOf(Unsent);
    expect(flaky.log).toHaveLength(4);
  });
});

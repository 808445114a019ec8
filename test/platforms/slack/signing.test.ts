import { describe, expect, it } from 'vitest';
import { RequestGuard, slackSignature } from '../../../src/platforms/slack/signing.js';

// The worked example of Slack's "Verifying requests from Slack" page
// (https://api.slack.com/authentication/verifying-requests-from-slack): secret, timestamp, body, signature.
const EXAMPLE = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: '1531420618',
  body:
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
    '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com' +
    '%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};

const headersFor = (signature: string, timestamp: string) => ({ 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp });

describe('Slack request signing', () => {
  it("reproduces Slack's published example", () => {
    expect(slackSignature(EXAMPLE.secret, EXAMPLE.timestamp, EXAMPLE.body)).toBe(EXAMPLE.signature);
    expect(slackSignature(EXAMPLE.secret, EXAMPLE.timestamp, Buffer.from(EXAMPLE.body))).toBe(EXAMPLE.signature);
  });

  it("accepts Slack's example at its own moment, and only once", () => {
    const guard = new RequestGuard(EXAMPLE.secret, () => Number(EXAMPLE.timestamp) * 1000 + 10_000);
    const headers = headersFor(EXAMPLE.signature, EXAMPLE.timestamp);
    expect(guard.check(headers, Buffer.from(EXAMPLE.body))).toEqual({ ok: true });
    expect(guard.check(headers, Buffer.from(EXAMPLE.body))).toEqual({ ok: false, reason: 'replayed' });
  });

  it('refuses unsigned, tampered, stale and future requests', () => {
    let now = Number(EXAMPLE.timestamp) * 1000;
    const guard = new RequestGuard(EXAMPLE.secret, () => now);
    const body = Buffer.from(EXAMPLE.body);
    expect(guard.check({}, body)).toEqual({ ok: false, reason: 'unsigned' });
    expect(guard.check({ 'x-slack-signature': EXAMPLE.signature }, body)).toEqual({ ok: false, reason: 'unsigned' });
    expect(guard.check(headersFor(EXAMPLE.signature, 'soon'), body)).toEqual({ ok: false, reason: 'unsigned' });
    expect(guard.check(headersFor(EXAMPLE.signature, EXAMPLE.timestamp), Buffer.from(EXAMPLE.body.replace('roadrunner', 'coyote')))).toEqual({ ok: false, reason: 'bad-signature' });
    expect(guard.check(headersFor('v0=00', EXAMPLE.timestamp), body)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(guard.check(headersFor(EXAMPLE.signature.replace('v0', 'v1'), EXAMPLE.timestamp), body)).toEqual({ ok: false, reason: 'bad-signature' });
    now += 301_000;
    expect(guard.check(headersFor(EXAMPLE.signature, EXAMPLE.timestamp), body)).toEqual({ ok: false, reason: 'stale' });
    now -= 2 * 301_000;
    expect(guard.check(headersFor(EXAMPLE.signature, EXAMPLE.timestamp), body)).toEqual({ ok: false, reason: 'stale' });
  });

  it('forgets a signature only once its request could no longer be accepted', () => {
    let now = 1_000_000_000_000;
    const guard = new RequestGuard('secret', () => now);
    const timestamp = String(now / 1000);
    const body = Buffer.from('a=1');
    const headers = headersFor(slackSignature('secret', timestamp, body), timestamp);
    expect(guard.check(headers, body).ok).toBe(true);
    now += 299_000;
    expect(guard.check(headers, body)).toEqual({ ok: false, reason: 'replayed' });
    now += 2_000;
    expect(guard.check(headers, body)).toEqual({ ok: false, reason: 'stale' });
  });
});

// Slack's request signing (v0): HMAC-SHA256 over `v0:<timestamp>:<raw body>` with the app's signing
// secret. The guard refuses unsigned, tampered, stale or future (more than 5 minutes off) and replayed
// requests; Bolt's own check covers the first three but not replays nor timestamps in the future.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const MAX_REQUEST_AGE_SECONDS = 300;
/** Bounds the replay memory under a flood; a signature is only worth remembering for 5 minutes anyway. */
const MAX_REMEMBERED = 100_000;

/** `v0=<hex>`: the value of `X-Slack-Signature` for this timestamp and raw body. */
export function slackSignature(signingSecret: string, timestamp: number | string, body: string | Buffer): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(body);
  return `v0=${hmac.digest('hex')}`;
}

/** The headers Slack sends with a signed request; for tests and the benchmark. */
export function signedHeaders(signingSecret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(signingSecret, timestamp, body),
  };
}

export type GuardVerdict = { ok: true } | { ok: false; reason: 'unsigned' | 'stale' | 'bad-signature' | 'replayed' };

export class RequestGuard {
  /** Signature → when it may be forgotten (ms). Insertion order is age order. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly signingSecret: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** What the headers alone decide (unsigned, stale), so such a request is refused before its body is read. */
  checkHeaders(headers: IncomingHttpHeaders): GuardVerdict {
    const signature = headers['x-slack-signature'];
    const timestampText = headers['x-slack-request-timestamp'];
    if (typeof signature !== 'string' || typeof timestampText !== 'string' || !/^\d{1,12}$/.test(timestampText)) {
      return { ok: false, reason: 'unsigned' };
    }
    if (Math.abs(this.now() / 1000 - Number(timestampText)) > MAX_REQUEST_AGE_SECONDS) return { ok: false, reason: 'stale' };
    return { ok: true };
  }

  check(headers: IncomingHttpHeaders, rawBody: Buffer): GuardVerdict {
    const early = this.checkHeaders(headers);
    if (!early.ok) return early;
    const signature = headers['x-slack-signature'] as string;
    const timestampText = headers['x-slack-request-timestamp'] as string;
    const nowMs = this.now();

    const expected = Buffer.from(slackSignature(this.signingSecret, timestampText, rawBody));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };

    this.forgetExpired(nowMs);
    if (this.seen.has(signature)) return { ok: false, reason: 'replayed' };
    this.seen.set(signature, nowMs + 2 * MAX_REQUEST_AGE_SECONDS * 1000);
    return { ok: true };
  }

  private forgetExpired(nowMs: number): void {
    for (const [signature, until] of this.seen) {
      if (until > nowMs && this.seen.size < MAX_REMEMBERED) break;
      this.seen.delete(signature);
    }
  }
}

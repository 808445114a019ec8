// Posts a reply to a slash command's response_url (valid for 30 minutes, five posts). Retries what
// Slack asks to retry (429 with Retry-After, 5xx, a dropped connection), a few times, never a 4xx.
import type { Logger } from '../../logger.js';

const ATTEMPTS = 4;
const MAX_WAIT_MS = 10_000;

export class ResponseUrlError extends Error {
  constructor(readonly status: number) {
    super(`response_url answered ${status}`);
    this.name = 'ResponseUrlError';
  }
}

export async function postToResponseUrl(
  url: string,
  payload: unknown,
  options: { logger: Logger; fetch?: typeof fetch },
): Promise<void> {
  const doFetch = options.fetch ?? fetch;
  const body = JSON.stringify(payload);
  for (let attempt = 1; ; attempt++) {
    let waitMs: number;
    try {
      const response = await doFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await response.arrayBuffer();
      if (response.ok) return;
      if (response.status !== 429 && response.status < 500) throw new ResponseUrlError(response.status);
      if (attempt >= ATTEMPTS) throw new ResponseUrlError(response.status);
      const retryAfter = Number(response.headers.get('retry-after'));
      waitMs = response.status === 429 && retryAfter > 0 ? retryAfter * 1000 : 250 * 2 ** attempt;
    } catch (error) {
      if (error instanceof ResponseUrlError || attempt >= ATTEMPTS) throw error;
      waitMs = 250 * 2 ** attempt;
    }
    options.logger.warn({ attempt, waitMs }, 'slack response_url post failed; retrying');
    await new Promise((resolve) => setTimeout(resolve, Math.min(waitMs, MAX_WAIT_MS)));
  }
}

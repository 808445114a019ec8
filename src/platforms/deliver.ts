// Delivering one post exactly once over a network that may lose the answer. A failed send is either
// `unsent` (provably not stored: refused before it was sent, rate limited, rejected) and simply retried, or
// `ambiguous` (a timeout, a reset connection, a server error after the request went out): the platform may
// have stored it. After an ambiguous failure nothing is sent again before looking for the post; a lookup
// that itself keeps failing ends the delivery with LookupFailedError rather than posting blind.

/** Network failures that happen before a request is sent: nothing can have been stored. */
export const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

export type SendOutcome = { kind: 'unsent' | 'ambiguous'; waitMs?: number } | { kind: 'final' };

export interface Delivery<T> {
  send(): Promise<T>;
  /** The post an earlier send stored, if any; throws when it cannot tell. */
  find(): Promise<T | undefined>;
  /** What a failed send or lookup left behind; `final` is not retried here. */
  outcome(error: unknown): SendOutcome;
  /** An earlier attempt (before this delivery) may have stored the post. */
  lookFirst: boolean;
  /** The waits between tries; their number bounds the tries of the send and of each lookup. */
  delaysMs: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

export interface Delivered<T> {
  result: T;
  /** True when an earlier send had stored the post and it was found instead of posting again. */
  found: boolean;
}

/** The lookup needed before a retry kept failing: posting again could post twice, so nothing was posted. */
export class LookupFailedError extends Error {
  constructor(cause: unknown) {
    super(`kon niet nagaan of het bericht al geplaatst was: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'LookupFailedError';
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function deliverOnce<T>(delivery: Delivery<T>): Promise<Delivered<T>> {
  const sleep = delivery.sleep ?? defaultSleep;
  let look = delivery.lookFirst;
  for (let tries = 0; ; tries++) {
    if (look) {
      const earlier = await findWithRetries(delivery, sleep);
      if (earlier !== undefined) return { result: earlier, found: true };
    }
    try {
      return { result: await delivery.send(), found: false };
    } catch (error) {
      const outcome = delivery.outcome(error);
      if (outcome.kind === 'final' || tries >= delivery.delaysMs.length) throw error;
      // A lookup that found nothing settled every earlier doubt; only this send's own outcome counts now.
      look = outcome.kind === 'ambiguous';
      await sleep(outcome.waitMs ?? delivery.delaysMs[tries]!);
    }
  }
}

async function findWithRetries<T>(delivery: Delivery<T>, sleep: (ms: number) => Promise<void>): Promise<T | undefined> {
  for (let tries = 0; ; tries++) {
    try {
      return await delivery.find();
    } catch (error) {
      const outcome = delivery.outcome(error);
      if (outcome.kind === 'final') throw error;
      if (tries >= delivery.delaysMs.length) throw new LookupFailedError(error);
      await sleep(outcome.waitMs ?? delivery.delaysMs[tries]!);
    }
  }
}

// Replies of figures commands, kept per runtime for as long as both generation markers (the register's
// and the programme's, src/store/markers.ts) are unchanged and within the same minute: partners asking
// `/ote doel` after the morning digest all get the same answer, computed once. Only commands marked
// `cacheable` (pure functions of their options, the asker's scope, the minute and what the two markers
// cover) are kept.
import type { Reply } from '../render/reply.js';

const MAX_ENTRIES = 500;

export class ReplyCache {
  readonly #entries = new Map<string, Reply>();

  get(key: string): Reply | undefined {
    const found = this.#entries.get(key);
    if (found) {
      // Most recently used last, so the oldest is evicted first.
      this.#entries.delete(key);
      this.#entries.set(key, found);
    }
    return found;
  }

  set(key: string, reply: Reply): void {
    this.#entries.set(key, reply);
    if (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

/** The moment a cacheable command answers for: its minute, so every reply within it is the same. */
export function startOfMinute(moment: Date): Date {
  return new Date(Math.floor(moment.getTime() / 60_000) * 60_000);
}

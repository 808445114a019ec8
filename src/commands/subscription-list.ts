// The order, filters and pages of `/ote abonnementen`: failing subscriptions (paused, or a failure after the
// last success) first, newest failure first; then the others by last success, the longest ago (or never)
// first, so what needs the office is on page 1. Pure: the command loads, this sorts and slices.
import type { PlatformName } from '../platforms/index.js';
import type { DigestPostSummary } from '../store/digest-posts.js';
import type { Subscription } from '../store/subscriptions.js';

export type SubscriptionFilter =
  | { kind: 'fouten' }
  | { kind: 'gepauzeerd' }
  | { kind: 'platform'; platform: PlatformName }
  | { kind: 'gemeente'; code: string };

export const PAGE_SIZE = 25;

export interface ListedSubscription {
  subscription: Subscription;
  summary: DigestPostSummary | undefined;
}

export function isFailing(entry: ListedSubscription): boolean {
  return entry.subscription.status === 'gepauzeerd' || entry.summary?.lastFailure !== undefined;
}

export function matchesFilter(entry: ListedSubscription, filter: SubscriptionFilter | undefined): boolean {
  if (!filter) return true;
  switch (filter.kind) {
    case 'fouten':
      return isFailing(entry);
    case 'gepauzeerd':
      return entry.subscription.status === 'gepauzeerd';
    case 'platform':
      return entry.subscription.channel.startsWith(`${filter.platform}:`);
    case 'gemeente':
      return entry.subscription.municipalityCode === filter.code;
  }
}

export function orderForOffice(entries: readonly ListedSubscription[]): ListedSubscription[] {
  const failureDate = (e: ListedSubscription) => e.summary?.lastFailure?.localDate ?? '';
  const successDate = (e: ListedSubscription) => e.summary?.lastPosted?.localDate ?? '';
  return [...entries].sort((a, b) => {
    const failing = Number(isFailing(b)) - Number(isFailing(a));
    if (failing !== 0) return failing;
    const byDate = isFailing(a) ? failureDate(b).localeCompare(failureDate(a)) : successDate(a).localeCompare(successDate(b));
    return byDate || a.subscription.channel.localeCompare(b.subscription.channel);
  });
}

/** One page (1-based) of the list, and how many pages there are (at least 1). */
export function page<T>(items: readonly T[], pageNumber: number, size = PAGE_SIZE): { items: T[]; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  return { items: items.slice((pageNumber - 1) * size, pageNumber * size), pages };
}

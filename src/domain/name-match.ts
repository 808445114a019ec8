// Finding an item by what people type: an exact name (or code) wins, then the items whose names hold every
// word typed, ignoring case, accents and punctuation. Several matches are returned for the caller to list.
import { normalizeName } from './municipalities.js';

export function matchByName<T>(items: readonly T[], query: string, names: (item: T) => readonly string[]): T[] {
  const wanted = normalizeName(query);
  if (!wanted) return [];
  const exact = items.filter((item) => names(item).some((n) => normalizeName(n) === wanted));
  if (exact.length > 0) return exact;
  const words = wanted.split(' ');
  return items.filter((item) => {
    const haystack = names(item).map(normalizeName).join(' ');
    return words.every((w) => haystack.includes(w));
  });
}

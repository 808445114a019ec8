// A tally that counts between its edges and the moments it was loaded for (its cuts) straight from the
// counts per day, and sets up the table of days (tallyOfCounts) only when asked for any other moment.
// Target progress asks for no other moment; the chart, drawn only when its image is needed, asks for every
// day. Pure: the store passes the counts it loaded.
import { localDayKey } from './local-time.js';
import { tallyOfCounts, type Tally } from './tally.js';

export interface DayCounts {
  from: Date;
  to: Date;
  /** Local day 'YYYY-MM-DD' and its incidents within [from, to), each day once. */
  days: readonly { day: string; n: number }[];
  /** Local day → the times (epoch ms) of its incidents within [from, to), for each cut that falls mid-day. */
  times: ReadonlyMap<string, readonly number[]>;
}

export function tallyAtCuts(counts: DayCounts, cuts: readonly (Date | null)[]): Tally {
  const from = counts.from.getTime();
  const to = counts.to.getTime();
  let total = 0;
  for (const { n } of counts.days) total += n;
  const atCut = new Map<number, number>();
  for (const cut of cuts) {
    const t = cut?.getTime();
    if (t === undefined || t <= from || t >= to) continue;
    const key = localDayKey(cut!);
    let before = 0;
    for (const { day, n } of counts.days) if (day < key) before += n;
    for (const at of counts.times.get(key) ?? []) if (at < t) before++;
    atCut.set(t, before);
  }
  const known = (t: number) => (t <= from ? 0 : t >= to ? total : atCut.get(t));
  let table: Tally | undefined;
  return {
    from,
    to,
    total,
    count(a, b) {
      if (b <= a) return 0;
      const [x, y] = [known(a), known(b)];
      if (x !== undefined && y !== undefined) return y - x;
      table ??= tallyOfCounts({ from: counts.from, to: counts.to, perDay: new Map(counts.days.map((d) => [d.day, d.n])), times: counts.times });
      return table.count(a, b);
    },
  };
}

// A tally that counts between its edges and the moments it was loaded for (its cuts) from counts known
// beforehand, and sets up the table of days only when asked for any other moment. Target progress asks for
// no other moment; the chart, drawn only when its image is needed, asks for every day. Pure: the store
// passes the counts it loaded.
import { tallyOfCounts, type Tally } from './tally.js';

export interface CutCounts {
  from: Date;
  to: Date;
  /** Incidents in [from, to). */
  total: number;
  /** Epoch ms of each cut inside (from, to) → the incidents in [from, cut). */
  atCuts: ReadonlyMap<number, number>;
}

export interface DayCounts {
  from: Date;
  to: Date;
  /** Local day 'YYYY-MM-DD' and its incidents within [from, to), each day once. */
  days: readonly { day: string; n: number }[];
  /** Local day → the times (epoch ms) of its incidents within [from, to), for each cut that falls mid-day. */
  times: ReadonlyMap<string, readonly number[]>;
}

/** `table` gives the full tally of [from, to), asked at most once. */
export function tallyAtCuts(counts: CutCounts, table: () => Tally): Tally {
  const from = counts.from.getTime();
  const to = counts.to.getTime();
  const known = (t: number) => (t <= from ? 0 : t >= to ? counts.total : counts.atCuts.get(t));
  let full: Tally | undefined;
  return {
    from,
    to,
    total: counts.total,
    count(a, b) {
      if (b <= a) return 0;
      const [x, y] = [known(a), known(b)];
      if (x !== undefined && y !== undefined) return y - x;
      full ??= table();
      return full.count(a, b);
    },
  };
}

export function tallyOfDays(counts: DayCounts): Tally {
  return tallyOfCounts({ from: counts.from, to: counts.to, perDay: new Map(counts.days.map((d) => [d.day, d.n])), times: counts.times });
}

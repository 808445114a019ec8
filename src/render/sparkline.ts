const BARS = '▁▂▃▄▅▆▇█';

/** A one-line bar chart of the values, e.g. `▁▃█▅`. */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  if (max === 0) return BARS[0]!.repeat(values.length);
  return values.map((v) => BARS[Math.min(BARS.length - 1, Math.round((v / max) * (BARS.length - 1)))]).join('');
}

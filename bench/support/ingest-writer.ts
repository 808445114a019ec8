// Writes to the register while the benchmark's commands run, as a police system does through the ingest
// API: a new incident or a correction of an earlier one every `everyMs`, in random municipalities this
// year, so the bot's counts move under the load (the generation marker changes, the counts in memory step
// through the log, the reply cache starts over) instead of being measured on a register that stands still.
import { seededRandom } from '../../src/domain/seeded-random.js';
import { MEANS, OUTCOMES, TARGETS } from '../../src/domain/types.js';

export interface IngestWriter {
  /** Stops writing and says how many writes were answered 2xx and how many were not. */
  stop(): Promise<{ written: number; failed: number }>;
}

export function startIngestWriter(baseUrl: string, token: string, municipalities: readonly string[], everyMs: number, seed: number): IngestWriter {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const yearStart = Date.UTC(new Date().getUTCFullYear(), 0, 1);
  let written = 0;
  let failed = 0;
  let sent = 0;
  const pending = new Set<Promise<void>>();
  const one = async () => {
    // Every fourth write corrects an earlier incident: its counts move out of one cell into another.
    const id = `BENCH-${seed}-${sent % 4 === 3 ? Math.floor(random() * sent) : sent}`;
    sent += 1;
    const at = new Date(yearStart + Math.floor(random() * (Date.now() - yearStart)));
    const incident = { id, occurred_at: at.toISOString(), municipality: pick(municipalities), target: pick(TARGETS), outcome: pick(OUTCOMES), means: pick(MEANS) };
    const response = await fetch(`${baseUrl}/api/v1/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ incidents: [incident] }),
      signal: AbortSignal.timeout(10_000),
    }).catch(() => undefined);
    await response?.arrayBuffer();
    if (response && response.status < 300) written += 1;
    else failed += 1;
  };
  const write = () => {
    const written = one();
    pending.add(written);
    void written.finally(() => pending.delete(written));
  };
  // The first at once: a bot's first write is its slowest (PostgreSQL compiles the triggers' functions).
  write();
  const timer = setInterval(write, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(pending);
      return { written, failed };
    },
  };
}

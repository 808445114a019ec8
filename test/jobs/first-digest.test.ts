// A channel's first posted digest says it is the first and counts the last 24 hours; the next one counts
// from the previous digest. Real digest, real post job, single-process queue, PGlite.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { digestPost } from '../../jobs/digest-post.js';
import { buildDigest } from '../../src/digest/build.js';
import { silentLogger } from '../../src/logger.js';
import type { Poster } from '../../src/platforms/poster.js';
import type { Reply } from '../../src/render/reply.js';
import { createSingleProcessDriver } from '../../src/queue/single-process.js';
import { subscribe } from '../../src/store/subscriptions.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { allText } from '../support/reply.js';
import { testMunicipalities } from '../support/runtime.js';
import { waitFor } from '../queue/support.js';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb('pglite');
});
afterAll(() => db.dispose());

it('says the first digest is the first, and never claims a previous digest that does not exist', async () => {
  const posted: Reply[] = [];
  const poster: Poster = { platform: 'slack', post: async (_channel, reply) => (posted.push(reply), { messageId: `m${posted.length}` }) };
  let now = DateTime.fromISO('2025-06-10T08:00', { zone: 'Europe/Amsterdam' }).toJSDate();
  const queue = createSingleProcessDriver([{ ...digestPost, backoffMs: 20 }]);
  await queue.startWorker({
    db, municipalities: testMunicipalities(), logger: silentLogger, posters: { slack: poster }, buildDigest,
    enqueue: (...args) => queue.enqueue(...args), now: () => now,
  });
  try {
    const { subscription } = await subscribe(db, { channel: 'slack:C0FIRST01', postMinute: 480, municipalityCode: null, weekdays: [1, 2, 3, 4, 5, 6, 7], lang: 'nl', createdBy: 'test' });
    await queue.enqueue('digest-post', { subscriptionId: subscription.id, localDate: '2025-06-10' });
    await waitFor(() => posted.length === 1, 'the first digest');
    const first = allText(posted[0]!);
    expect(first).toContain('Dit is het eerste overzicht in dit kanaal.');
    expect(first).toContain('In de afgelopen 24 uur (sinds 9 juni 2025 08:00)');
    expect(first).not.toContain('vorige overzicht');

    now = DateTime.fromISO('2025-06-11T08:00', { zone: 'Europe/Amsterdam' }).toJSDate();
    await queue.enqueue('digest-post', { subscriptionId: subscription.id, localDate: '2025-06-11' });
    await waitFor(() => posted.length === 2, 'the second digest');
    const second = allText(posted[1]!);
    expect(second).not.toContain('eerste overzicht');
    expect(second).toContain('Sinds het vorige overzicht (10 juni 2025 08:00)');
  } finally {
    await queue.close();
  }
});

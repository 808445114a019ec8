// The digest and /ote doel after a target year has closed, in a year without a target of its own, and a
// register that stops being updated. The register is built here, imported as `ote import` imports it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestFanout } from '../../jobs/digest-fanout.js';
import { runCommandText } from '../../src/commands/dispatch.js';
import { buildDigest } from '../../src/digest/build.js';
import { localInstant } from '../../src/domain/local-time.js';
import { silentLogger } from '../../src/logger.js';
import type { Poster } from '../../src/platforms/poster.js';
import type { JobServices } from '../../src/queue/job.js';
import type { Reply } from '../../src/render/reply.js';
import { subscribe } from '../../src/store/subscriptions.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { incidentAt, importRows, SEASONAL_2024, until, yearOfIncidents, years } from '../support/register.js';
import { allText, fact } from '../support/reply.js';
import { actor, testMunicipalities, testRuntime } from '../support/runtime.js';

/** 2025 on course: 1.331, with the same season as 2024. */
const SEASONAL_2025 = [170, 70, 60, 52, 48, 48, 52, 52, 70, 130, 200, 379];
const DECEMBER_2026 = new Date('2026-12-01T07:00:00Z'); // 08:00 in Amsterdam
let db: TestDb;
const digest = (at: Date) => buildDigest(db, testMunicipalities(), { at, lang: 'nl' });
const say = (text: string, now: Date): Promise<Reply> => runCommandText(text, { actor: actor('partner'), channel: 'console:test', now }, testRuntime(db));

beforeAll(async () => {
  db = await openTestDb('pglite');
  await importRows(db, [...yearOfIncidents(2024, SEASONAL_2024), ...yearOfIncidents(2025, SEASONAL_2025)], years(2024, 2025));
  // 2026 through November, with two attacks on the evening of 30 November: the digest's table has a cell of two.
  const lastEvening = [incidentAt('EVE-1', localInstant(2026, 11, 30, 21)), incidentAt('EVE-2', localInstant(2026, 11, 30, 22))];
  await importRows(db, [...yearOfIncidents(2026, [150, 60, 50, 40, 40, 40, 45, 45, 60, 120, 179]), ...lastEvening], until(localInstant(2026, 1, 1), 2026, 12, 1));
});
afterAll(() => db.dispose());

describe('a closed target year', () => {
  it('the digest gives the final result of 2025, no allowance or status, and 2026 against 2025', async () => {
    const reply = await digest(DECEMBER_2026);
    expect(SEASONAL_2025.reduce((a, b) => a + b)).toBe(1331);
    expect(fact(reply, 'Eindstand 2025')).toBe('1.331, doel gehaald');
    expect(fact(reply, '2026 tot nu toe (t/m 30 november 2026)')).toBe('831 (zelfde periode 2025: 952, −12,7% t.o.v. vorig jaar)');
    const text = allText(reply);
    expect(text).not.toMatch(/Toegestaan|op koers|Ruimte|1\.388,7/);
    expect(text).toContain('Voor 2026 is geen doel vastgelegd; dit is de eindstand van 2025.');
    expect(reply.blocks.find((b) => b.kind === 'table' && b.title === 'Meeste aanslagen in 2026')).toBeDefined();
  });

  it('/ote doel says "Eindstand 2025: 1.331, doel gehaald" without allowance', async () => {
    const reply = await say('/ote doel', DECEMBER_2026);
    const text = allText(reply);
    expect(text).toContain('Eindstand 2025: 1.331, doel gehaald');
    expect(text).not.toMatch(/Toegestaan|op koers|Prognose/);
    expect(fact(reply, '2026 tot nu toe')).toMatch(/^831 \(zelfde periode 2025: 952/);
  });

  it('never allows more than the cap, also on the last day of the year', async () => {
    const reply = await say('/ote doel', new Date('2025-12-31T11:00:00Z'));
    expect(fact(reply, 'Toegestaan tot nu toe')).toBe('1.388,0');
    expect(fact(reply, 'Plafond 2025')).toMatch(/^1\.388 /);
  });

  it('hides the small cells of the digest, which is written for a shared channel', async () => {
    const reply = await digest(DECEMBER_2026);
    const table = reply.blocks.find((b) => b.kind === 'table' && b.title === 'In de afgelopen 24 uur, per gemeente en doelwit');
    expect(table?.kind === 'table' && table.rows[0]).toEqual(['Rotterdam', '<3', '0', '0', '0', '2']);
    expect(allText(reply)).toContain('Kleine aantallen (minder dan 3) zijn verborgen');
  });
});

describe('a register that is not updated', () => {
  const notices: Reply[] = [];
  const poster: Poster = {
    platform: 'slack',
    async post(channelId, reply) {
      if (channelId === 'C0OFFICE') notices.push(reply);
      return { ok: true, messageId: 'm1' } as never;
    },
  };
  const services = (): JobServices => ({
    db,
    municipalities: testMunicipalities(),
    logger: silentLogger,
    posters: { slack: poster },
    programmeChannel: 'slack:C0OFFICE',
    buildDigest,
    enqueue: async () => undefined,
    now: () => new Date(),
    staleAfterDays: 7,
  });
  const fanOut = (at: Date) => digestFanout.process({ tick: at.toISOString() }, { services: services(), logger: silentLogger, jobId: 'x', attempt: 1, maxAttempts: 1 });

  it('says so in the digest after more than 7 days, and tells the programme office once', async () => {
    await subscribe(db, { channel: 'slack:C0PARTNERS', postMinute: 8 * 60, municipalityCode: null, weekdays: [1, 2, 3, 4, 5, 6, 7], lang: 'nl', createdBy: 'test' });
    expect(allText(await digest(new Date('2026-12-08T07:00:00Z')))).not.toContain('Geen nieuwe gegevens');
    await fanOut(new Date('2026-12-08T07:00:00Z'));
    expect(notices).toHaveLength(0);

    expect(allText(await digest(new Date('2026-12-10T07:00:00Z')))).toContain('Geen nieuwe gegevens sinds 30 november 2026 (9 dagen)');
    await fanOut(new Date('2026-12-10T07:00:00Z'));
    await fanOut(new Date('2026-12-11T07:00:00Z'));
    expect(notices).toHaveLength(1);
    expect(allText(notices[0]!)).toContain('Het register is volledig t/m 30 november 2026; er zijn al 9 dagen geen nieuwe gegevens binnen (grens 7 dagen).');
  });
});

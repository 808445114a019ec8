// The digest's repeat areas: listed for a channel that may see them, never for one that may not.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { digestRepeatBlocks, withBlocksBeforeContext } from '../../src/alerts/digest-repeats.js';
import { ALL_DETAIL, NO_DETAIL } from '../../src/domain/policy.js';
import { upsertIncidents, type IncidentInput } from '../../src/store/incidents.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { testMunicipalities } from '../support/runtime.js';

let db: TestDb;
const at = new Date();
const row = (reference: string, daysAgo: number, municipalityCode: string, postcode4: string | null): IncidentInput => ({
  reference, occurredAt: new Date(at.getTime() - daysAgo * 86_400_000), municipalityCode, target: 'woning', outcome: 'explosie', means: 'vuurwerk', postcode4,
});

beforeAll(async () => {
  db = await openTestDb('pglite');
  await upsertIncidents(db, [row('D-1', 30, 'GM0599', '3067'), row('D-2', 0.5, 'GM0599', '3067'), row('D-3', 0.4, 'GM0363', '1011'), row('D-4', 20, 'GM0363', null), row('D-5', 0.3, 'GM0363', null)], 'api', 'test');
});
afterAll(() => db.dispose());

const blocks = (scope: Parameters<typeof digestRepeatBlocks>[2]['scope'], municipalityCode: string | null = null) =>
  digestRepeatBlocks(db, testMunicipalities(), { scope, municipalityCode, at, lang: 'nl', windowDays: 90 });

it('lists the areas hit again in the last day for a channel that may see them', async () => {
  expect(await blocks(ALL_DETAIL)).toEqual([{ kind: 'text', text: 'Gebieden met een aanslag binnen 90 dagen na een eerdere: Amsterdam (hele gemeente), 3067 (Rotterdam).' }]);
  expect(await blocks({ kind: 'municipality', code: 'GM0599' })).toEqual([{ kind: 'text', text: 'Gebieden met een aanslag binnen 90 dagen na een eerdere: 3067 (Rotterdam).' }]);
  expect(await blocks(ALL_DETAIL, 'GM0363')).toEqual([{ kind: 'text', text: 'Gebieden met een aanslag binnen 90 dagen na een eerdere: Amsterdam (hele gemeente).' }]);
});

it('lists nothing for a channel that may see figures only', async () => {
  expect(await blocks(NO_DETAIL)).toEqual([]);
  expect(await blocks({ kind: 'municipality', code: 'GM0344' })).toEqual([]);
});

it('puts the lines before the digest’s closing context', () => {
  const digest = [{ kind: 'text', text: 'a' }, { kind: 'context', text: 'z' }] as const;
  expect(withBlocksBeforeContext([...digest], [{ kind: 'text', text: 'r' }]).map((b) => (b as { text: string }).text)).toEqual(['a', 'r', 'z']);
});

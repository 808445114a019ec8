// Who sees what. First the policy's rules as a table; then every command in commands/index.ts run by every
// kind of viewer, privately and shared in a channel, asserting which incident detail each reply shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { runCommandText } from '../../src/commands/dispatch.js';
import {
  audienceScope,
  hidesSmallCell,
  hidesSmallShare,
  intersect,
  maySeeBelowMunicipality,
  maySeeDetail,
  replyScope,
  scopeOf,
  SMALL_NUMBER_THRESHOLD,
  type Audience,
  type DetailScope,
  type Viewer,
} from '../../src/domain/policy.js';
import type { Actor } from '../../src/domain/types.js';
import { upsertIncidents, type IncidentInput } from '../../src/store/incidents.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { allText } from '../support/reply.js';
import { testRuntime } from '../support/runtime.js';

const ROTTERDAM = 'GM0599';
const DEN_HAAG = 'GM0518';
const UTRECHT = 'GM0344';
const ALL: DetailScope = { kind: 'all' };
const NONE: DetailScope = { kind: 'none' };
const own = (code: string): DetailScope => ({ kind: 'municipality', code });

describe('the policy', () => {
  it.each<[string, Viewer, DetailScope]>([
    ['police', { role: 'politie' }, ALL],
    ['OM', { role: 'om' }, ALL],
    ['programme office', { role: 'programma' }, ALL],
    ['municipality', { role: 'gemeente', municipalityCode: ROTTERDAM }, own(ROTTERDAM)],
    ['municipality without a code', { role: 'gemeente' }, NONE],
    ['other partner', { role: 'partner' }, NONE],
  ])('gives %s its scope', (_name, viewer, scope) => {
    expect(scopeOf(viewer)).toEqual(scope);
  });

  it.each<[DetailScope, DetailScope, DetailScope]>([
    [ALL, ALL, ALL],
    [ALL, own(ROTTERDAM), own(ROTTERDAM)],
    [own(ROTTERDAM), own(ROTTERDAM), own(ROTTERDAM)],
    [own(ROTTERDAM), own(DEN_HAAG), NONE],
    [ALL, NONE, NONE],
    [own(ROTTERDAM), NONE, NONE],
  ])('intersects %j and %j to %j', (a, b, both) => {
    expect(intersect(a, b)).toEqual(both);
    expect(intersect(b, a)).toEqual(both);
  });

  it.each<[string, Audience, DetailScope]>([
    ['police and OM', [{ role: 'politie' }, { role: 'om' }], ALL],
    ['police and Rotterdam', [{ role: 'politie' }, { role: 'gemeente', municipalityCode: ROTTERDAM }], own(ROTTERDAM)],
    ['Rotterdam and Den Haag', [{ role: 'gemeente', municipalityCode: ROTTERDAM }, { role: 'gemeente', municipalityCode: DEN_HAAG }], NONE],
    ['police and an insurer', [{ role: 'politie' }, { role: 'partner' }], NONE],
    ['nobody known', [], NONE],
  ])('writes for the least-entitled member of a channel with %s', (_name, audience, scope) => {
    expect(audienceScope(audience)).toEqual(scope);
  });

  it('writes a shared reply for the channel, and assumes a partner in a channel it does not know', () => {
    const police: Viewer = { role: 'politie' };
    expect(replyScope(police, false)).toEqual(ALL);
    expect(replyScope(police, true)).toEqual(NONE);
    expect(replyScope(police, true, [{ role: 'om' }])).toEqual(ALL);
    expect(replyScope({ role: 'gemeente', municipalityCode: ROTTERDAM }, true, [{ role: 'politie' }])).toEqual(own(ROTTERDAM));
    expect(replyScope({ role: 'partner' }, true, [{ role: 'politie' }])).toEqual(NONE);
  });

  it('shows detail and counts below municipality level only where the scope covers the municipality', () => {
    for (const check of [maySeeDetail, maySeeBelowMunicipality]) {
      expect(check(ALL, UTRECHT)).toBe(true);
      expect(check(own(ROTTERDAM), ROTTERDAM)).toBe(true);
      expect(check(own(ROTTERDAM), DEN_HAAG)).toBe(false);
      expect(check(NONE, ROTTERDAM)).toBe(false);
    }
  });
});

// ── Every command × every viewer ──────────────────────────────────────────────────────────────────
const NOW = new Date('2025-06-30T10:00:00Z');
const incident = (reference: string, municipalityCode: string, postcode4: string | null, day: number): IncidentInput => ({
  reference,
  occurredAt: new Date(Date.UTC(2025, 2, day, 1, 30)),
  municipalityCode,
  target: 'woning',
  outcome: 'explosie',
  means: 'vuurwerk',
  postcode4,
});
/** What gives an incident away: its reference and its postcode area. */
const MARKERS = { rotterdam: ['ZQ-ROT-1', '9871'], denHaag: ['ZQ-DH-1', '9872'] };
const ALL_MARKERS = [...MARKERS.rotterdam, ...MARKERS.denHaag];

interface ViewerCase {
  label: string;
  actor: Actor;
  /** Markers this viewer may see in a private reply, written out by hand rather than asked of the policy. */
  mayPrivately: string[];
}
const at = (role: Actor['role'], municipalityCode?: string): Actor => ({
  platform: 'slack',
  userId: `U${role.toUpperCase()}`,
  role,
  ...(municipalityCode ? { municipalityCode } : {}),
});
const VIEWERS: ViewerCase[] = [
  { label: 'politie', actor: at('politie'), mayPrivately: ALL_MARKERS },
  { label: 'om', actor: at('om'), mayPrivately: ALL_MARKERS },
  { label: 'programma', actor: at('programma'), mayPrivately: ALL_MARKERS },
  { label: 'gemeente Rotterdam', actor: at('gemeente', ROTTERDAM), mayPrivately: MARKERS.rotterdam },
  { label: 'gemeente Utrecht', actor: at('gemeente', UTRECHT), mayPrivately: [] },
  { label: 'partner', actor: at('partner'), mayPrivately: [] },
];

/** Commands whose replies may hold detail at all; every other command shows none to anyone. */
const DETAIL_COMMANDS = new Set(['incident', 'incidenten', 'melden', 'intrekken', 'audit']);
const SAMPLES: Record<string, string[]> = {
  incident: ['incident ZQ-ROT-1', 'incident ZQ-DH-1'],
  incidenten: ['incidenten 2025', 'incidenten Rotterdam 2025', 'incidenten Den Haag 2025'],
  melden: ['melden', 'melden ref=ZQ-ROT-1'],
  intrekken: ['intrekken ZQ-GEEN dubbel gemeld'],
  stats: ['stats 2025', 'stats Rotterdam 2025'],
  gemeente: ['gemeente Rotterdam 2025', 'gemeente Den Haag 2025'],
  top: ['top 2025'],
  digest: ['digest', 'digest Rotterdam'],
};
const samples = (name: string) => SAMPLES[name] ?? [name];

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb('pglite');
  await db.transaction((tx) =>
    upsertIncidents(
      tx,
      [
        incident('ZQ-ROT-1', ROTTERDAM, '9871', 1),
        incident('ZQ-DH-1', DEN_HAAG, '9872', 2),
        ...Array.from({ length: 5 }, (_, i) => incident(`ZQ-ROT-X${i}`, ROTTERDAM, null, 3 + i)),
      ],
      'import',
      'test',
    ),
  );
});
afterAll(() => db.dispose());

/**
 * The markers a reply gives away. A reference the user typed may come back in a refusal, which only they
 * see (errors are never posted to the channel); anything else counts.
 */
async function shown(text: string, actor: Actor, share: boolean, audience?: Audience): Promise<{ markers: string[]; text: string }> {
  const reply = await runCommandText(`/ote ${text}${share ? ' publiek' : ''}`, { actor, channel: 'slack:C0SHARED', now: NOW, ...(audience ? { audience } : {}) }, testRuntime(db));
  const all = allText(reply);
  if (reply.isError) expect(reply.visibility).toBe('ephemeral');
  const echoed = (m: string) => reply.isError === true && text.includes(m);
  return { markers: ALL_MARKERS.filter((m) => all.includes(m) && !echoed(m)), text: all };
}

describe.each(commands.map((c) => c.name))('/ote %s', (name) => {
  it.each(VIEWERS.map((v) => [v.label, v] as const))('as %s shows only what the policy allows', async (_label, viewer) => {
    for (const text of samples(name)) {
      const privately = await shown(text, viewer.actor, false);
      const allowed = DETAIL_COMMANDS.has(name) ? viewer.mayPrivately : [];
      expect(privately.markers.filter((m) => !allowed.includes(m)), `${text} (privé)`).toEqual([]);
      // Shared in a channel nobody described: written for a partner without rights.
      const shared = await shown(text, viewer.actor, true);
      expect(shared.markers, `${text} publiek`).toEqual([]);
    }
  });
});

describe('detail where it is allowed', () => {
  const viewer = (label: string) => VIEWERS.find((v) => v.label === label)!.actor;

  it.each(['politie', 'om', 'programma', 'gemeente Rotterdam'])('/ote incident shows %s the Rotterdam incident', async (label) => {
    expect((await shown('incident ZQ-ROT-1', viewer(label), false)).markers).toEqual(MARKERS.rotterdam);
  });

  it('/ote incidenten lists every incident for police, OM and the programme office, only its own for a municipality', async () => {
    for (const label of ['politie', 'om', 'programma']) {
      expect((await shown('incidenten 2025', viewer(label), false)).markers).toEqual(ALL_MARKERS);
    }
    expect((await shown('incidenten 2025', viewer('gemeente Rotterdam'), false)).markers).toEqual(MARKERS.rotterdam);
    expect((await shown('incidenten Den Haag 2025', viewer('gemeente Rotterdam'), false)).text).toContain('Aanslagen per gemeente');
  });

  it('/ote incidenten gives everyone else the figures per municipality', async () => {
    const { text } = await shown('incidenten 2025', viewer('partner'), false);
    expect(text).toContain('Aanslagen per gemeente: heel Nederland, 2025');
    expect(text).toMatch(/Rotterdam\n6\n6\n/);
    expect(text).toContain('incidentdetails zijn voorbehouden aan politie, OM, het programmabureau en de eigen gemeente');
  });

  it('shares detail in a channel whose members may all see it, and no more than its least-entitled member', async () => {
    const police = viewer('politie');
    expect((await shown('incident ZQ-DH-1', police, true, [{ role: 'politie' }, { role: 'om' }])).markers).toEqual(MARKERS.denHaag);
    const withRotterdam: Audience = [{ role: 'politie' }, { role: 'gemeente', municipalityCode: ROTTERDAM }];
    expect((await shown('incidenten 2025', police, true, withRotterdam)).markers).toEqual(MARKERS.rotterdam);
    expect((await shown('incident ZQ-DH-1', police, true, withRotterdam)).text).toContain('Incidentdetails deel ik niet in dit kanaal');
    expect((await shown('incident ZQ-ROT-1', police, true, [...withRotterdam, { role: 'partner' }])).markers).toEqual([]);
  });

  it('records every look at detail, and every refusal, in the audit trail', async () => {
    await db.exec('DELETE FROM audit_log');
    await shown('incident ZQ-ROT-1', viewer('gemeente Rotterdam'), false);
    await shown('incident ZQ-DH-1', viewer('gemeente Rotterdam'), false);
    await shown('incidenten 2025', viewer('om'), false);
    const rows = await db.query<{ actor: string; role: string; platform: string; action: string; subject: string }>(
      'SELECT actor, role, platform, action, subject FROM audit_log ORDER BY id',
    );
    expect(rows).toEqual([
      { actor: 'slack:UGEMEENTE', role: 'gemeente', platform: 'slack', action: 'incident.bekeken', subject: 'ZQ-ROT-1' },
      { actor: 'slack:UGEMEENTE', role: 'gemeente', platform: 'slack', action: 'incident.inzage-geweigerd', subject: 'ZQ-DH-1' },
      { actor: 'slack:UOM', role: 'om', platform: 'slack', action: 'incident.lijst-bekeken', subject: 'NL 2025-01-01..2025-06-30' },
    ]);
  });
});

// ── Small numbers × every viewer ──────────────────────────────────────────────────────────────────
describe('small numbers', () => {
  it.each<[DetailScope, string | null, number, boolean]>([
    [NONE, ROTTERDAM, 1, true],
    [NONE, ROTTERDAM, 2, true],
    [NONE, ROTTERDAM, 3, false],
    [NONE, ROTTERDAM, 0, false],
    [own(ROTTERDAM), ROTTERDAM, 1, false],
    [own(ROTTERDAM), DEN_HAAG, 1, true],
    [ALL, DEN_HAAG, 1, false],
    [NONE, null, 2, true],
    [own(ROTTERDAM), null, 2, true],
    [ALL, null, 2, false],
  ])('with scope %j hides a cell in %s of %i: %s', (scope, code, count, hidden) => {
    expect(hidesSmallCell(scope, code, count)).toBe(hidden);
  });

  it('hides a share whose part or whole is small', () => {
    expect(SMALL_NUMBER_THRESHOLD).toBe(3);
    expect(hidesSmallShare(NONE, DEN_HAAG, 1, 1)).toBe(true);
    expect(hidesSmallShare(NONE, DEN_HAAG, 2, 40)).toBe(true);
    expect(hidesSmallShare(NONE, DEN_HAAG, 30, 40)).toBe(false);
    expect(hidesSmallShare(ALL, DEN_HAAG, 1, 1)).toBe(false);
  });

  /** Who may see the single Den Haag incident's hour and target: written out by hand. */
  const SEES_DEN_HAAG_CELLS = new Set(['politie', 'om', 'programma']);
  const SMALL_SAMPLES = ['gemeente Den Haag 2025', 'stats Den Haag 2025', 'incidenten Den Haag 2025'];

  it.each(VIEWERS.map((v) => [v.label, v] as const))('as %s hides the cells of one attack unless entitled, and always when shared', async (_label, viewer) => {
    for (const text of SMALL_SAMPLES) {
      const privately = await shown(text, viewer.actor, false);
      const shared = await shown(text, viewer.actor, true);
      expect(shared.text, `${text} publiek`).toContain('<3');
      expect(shared.text, `${text} publiek`).toContain('Kleine aantallen (minder dan 3) zijn verborgen');
      if (text.startsWith('incidenten') && SEES_DEN_HAAG_CELLS.has(viewer.label)) continue; // the incident list itself
      const hidden = !SEES_DEN_HAAG_CELLS.has(viewer.label);
      expect(privately.text.includes('<3'), `${text} (privé)`).toBe(hidden);
      if (text.startsWith('gemeente')) expect(privately.text.includes('100,0%'), `${text} (privé)`).toBe(!hidden);
    }
  });
});

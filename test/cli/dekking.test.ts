// `ote dekking` end to end, in-process, against a throw-away schema on the real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAgainstPostgres, type CliDatabase } from '../support/cli.js';

let cli: CliDatabase;
beforeAll(async () => {
  cli = await cliAgainstPostgres();
});
afterAll(() => cli.dispose());

describe('ote dekking', () => {
  it('shows that nothing is covered yet, declares periods, shows them merged, and removes one with an audit line', async () => {
    expect((await cli.ote('dekking')).out).toContain('Er is nog geen dekking vastgelegd');
    expect((await cli.ote('dekking', 'zet', '2024', '--reden', 'jaarexport')).out).toContain('Register volledig t/m 31 december 2024.');
    const second = await cli.ote('dekking', 'zet', '2025-01-01..2025-06-30', '--reden', 'halfjaarexport');
    expect(second.out).toContain('Register volledig t/m 30 juni 2025.');
    const shown = (await cli.ote('dekking', 'toon')).out;
    expect(shown).toContain('volledig: 1 januari 2024 t/m 30 juni 2025');
    const [{ id }] = await cli.db.query<{ id: string }>("SELECT id FROM coverage_declarations WHERE covers_to > '2025-01-01' ORDER BY id DESC LIMIT 1") as [{ id: string }];
    expect((await cli.ote('dekking', 'wis', String(id), '--reden', 'verkeerde export')).out).toContain('Register volledig t/m 31 december 2024.');
    const audit = await cli.db.query<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'dekking.%' ORDER BY id");
    expect(audit.map((a) => a.action)).toEqual(['dekking.vastgelegd', 'dekking.vastgelegd', 'dekking.verwijderd']);
  });

  it('refuses a bad period or an unknown number in Dutch, changing nothing', async () => {
    const before = await cli.db.query('SELECT id FROM coverage_declarations');
    const bad = await cli.ote('dekking', 'zet', '2025-13', '--reden', 'x');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('periode: Onbekende periode ‘2025-13’');
    const future = await cli.ote('dekking', 'zet', '2099', '--reden', 'x');
    expect(future.err).toContain('ligt in de toekomst');
    const unknown = await cli.ote('dekking', 'wis', '99999', '--reden', 'x');
    expect(unknown.err).toContain('Er is geen dekking met nummer 99999');
    expect(await cli.db.query('SELECT id FROM coverage_declarations')).toHaveLength(before.length);
  });
});

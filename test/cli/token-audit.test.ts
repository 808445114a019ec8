// `ote token …` and `ote audit export`, in-process against a throw-away schema on the real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/store/audit.js';
import { authenticateToken, hashToken } from '../../src/store/tokens.js';
import { cliAgainstPostgres, type CliDatabase } from '../support/cli.js';

let cli: CliDatabase;
beforeAll(async () => {
  cli = await cliAgainstPostgres();
});
afterAll(() => cli.dispose());

describe('ote token', () => {
  it('creates a token, prints it once alone on stdout, and keeps only its hash', async () => {
    const run = await cli.ote('token', 'create', 'Politie Eenheid Rotterdam');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^ote_[A-Za-z0-9_-]{43}\n$/);
    expect(run.err).toContain('Token 1 voor Politie Eenheid Rotterdam aangemaakt. Hij wordt alleen nu getoond');
    const token = run.out.trim();
    const rows = await cli.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
    expect(rows).toEqual([{ token_hash: hashToken(token) }]);
    expect(await authenticateToken(cli.db, token)).toEqual({ id: 1, partner: 'Politie Eenheid Rotterdam' });
    expect(await authenticateToken(cli.db, `${token}x`)).toBeNull();

    const list = await cli.ote('token', 'list');
    expect(list.out).toMatch(/^id\s+partner\s+aangemaakt\s+door\s+laatst gebruikt\s+ingetrokken\n1\s+Politie Eenheid Rotterdam\s+/);
    expect(list.out).not.toContain(token);
  });

  it('revokes by id or by partner, and says so when there is nothing to revoke', async () => {
    const a = (await cli.ote('token', 'create', 'Verbond van Verzekeraars')).out.trim();
    await cli.ote('token', 'create', 'Verbond van Verzekeraars');
    expect((await cli.ote('token', 'revoke', 'verbond van verzekeraars')).out).toMatch(/^Ingetrokken: token \d+ van Verbond van Verzekeraars\nIngetrokken: token \d+ van Verbond van Verzekeraars\n$/);
    expect(await authenticateToken(cli.db, a)).toBeNull();
    expect((await cli.ote('token', 'revoke', '1')).out).toBe('Ingetrokken: token 1 van Politie Eenheid Rotterdam\n');
    const none = await cli.ote('token', 'revoke', 'Niemand');
    expect(none.code).toBe(1);
    expect(none.err).toBe('Geen actieve token gevonden voor ‘Niemand’. Zie ote token list.\n');
    expect((await cli.ote('token', 'create', '  ')).err).toContain('Geef de naam van de partner');
  });
});

describe('ote audit export', () => {
  it('writes the trail as CSV, defusing spreadsheet formulas and quoting where needed', async () => {
    await audit(cli.db, { actor: 'slack:U1', role: 'programma', platform: 'slack', action: 'rol.toegewezen', subject: '=HYPERLINK("x")', detail: { rol: 'politie, OM', nested: { a: 1 } as never } });
    const run = await cli.ote('audit', 'export');
    expect(run.code).toBe(0);
    const lines = run.out.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,actor,role,platform,action,subject,detail');
    expect(lines.filter((l) => l.includes(',token.aangemaakt,'))).toHaveLength(3);
    expect(lines.filter((l) => l.includes(',token.ingetrokken,'))).toHaveLength(3);
    expect(lines.at(-1)).toMatch(/^\d+,\S+Z,slack:U1,programma,slack,rol.toegewezen,"'=HYPERLINK\(""x""\)","\{""rol"":""politie, OM""\}"$/);
    expect(run.err).toMatch(/^\d+ regels geëxporteerd\.\n$/);
    const exported = await cli.db.query<{ action: string }>("SELECT action FROM audit_log WHERE action = 'audit.geexporteerd'");
    expect(exported).toHaveLength(1);
  });

  it('refuses an action outside the `area.what` form', async () => {
    await expect(audit(cli.db, { actor: 'x', role: null, platform: 'cli', action: 'Incident bekeken' as never })).rejects.toThrow(/invalid audit action/);
  });

  it('limits the export to --from and --to', async () => {
    const run = await cli.ote('audit', 'export', '--from', '2000-01-01', '--to', '2000-01-02');
    expect(run.out).toBe('id,at,actor,role,platform,action,subject,detail\r\n');
    expect(run.err).toBe('0 regels geëxporteerd.\n');
    expect((await cli.ote('audit', 'export', '--from', 'gisteren')).code).not.toBe(0);
  });
});

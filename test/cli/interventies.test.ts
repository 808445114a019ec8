// `ote interventies import` end to end, in-process, against a throw-away schema on the real PostgreSQL.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAgainstPostgres, type CliDatabase } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ote-interventies-'));
const example = fileURLToPath(new URL('../../examples/interventies.yaml', import.meta.url));
let cli: CliDatabase;
const imports = () =>
  cli.db.query<{ actor: string; platform: string; subject: string; detail: unknown }>("SELECT actor, platform, subject, detail FROM audit_log WHERE action = 'interventie.geimporteerd' ORDER BY id");
const names = async () => (await cli.db.query<{ name: string }>('SELECT name FROM interventions ORDER BY name')).map((r) => r.name);

beforeAll(async () => {
  cli = await cliAgainstPostgres();
  expect((await cli.ote('migrate')).code).toBe(0);
});
afterAll(() => cli.dispose());

describe('ote interventies import', () => {
  it('refuses a bad file, names every problem by place and line, and writes nothing', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'interventies:\n  - naam: Goed\n    kanaal: slack:C0123ABCD\n    start: 2025-04-07\n  - naam: Fout\n    kanaal: slack:C0123ABCD\n    start: 2025-04-07\n    mijlpalen:\n      - { dag: 101, titel: Te laat }\n');
    const result = await cli.ote('interventies', 'import', file);
    expect(result.code).toBe(1);
    expect(result.err).toContain('Import geweigerd: 1 fout. Er is niets geschreven.');
    expect(result.err).toContain('interventies[1].mijlpalen[0].dag (regel 9): geef een dag van 0 tot en met 100');
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(await names()).toEqual([]);
    expect(await imports()).toEqual([]);
  });

  it('checks the example with --dry-run, then imports it, and a second run updates', async () => {
    expect((await cli.ote('interventies', 'import', example, '--dry-run')).out).toContain('Controle geslaagd: 8 interventies in orde');
    expect(await names()).toEqual([]);
    expect((await cli.ote('interventies', 'import', example)).out).toContain('Geïmporteerd: 8 nieuw, 0 bijgewerkt.');
    expect((await cli.ote('interventies', 'import', example)).out).toContain('Geïmporteerd: 0 nieuw, 8 bijgewerkt.');
    expect(await names()).toHaveLength(8);
    const milestones = await cli.db.query<{ n: number }>('SELECT count(*)::int AS n FROM milestones');
    expect(milestones[0]!.n).toBe(8 * 6 + 1);
    // One audit line per imported file, by the person at the command line.
    expect(await imports()).toEqual([
      { actor: expect.stringMatching(/^cli:/), platform: 'cli', subject: 'interventies.yaml', detail: { nieuw: 8, bijgewerkt: 0 } },
      { actor: expect.stringMatching(/^cli:/), platform: 'cli', subject: 'interventies.yaml', detail: { nieuw: 0, bijgewerkt: 8 } },
    ]);
  });

  it('says so when the file is missing', async () => {
    const result = await cli.ote('interventies', 'import', join(dir, 'nergens.yaml'));
    expect(result.code).toBe(1);
    expect(result.err).toContain('bestand bestaat niet');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAgainstPostgres, type CliDatabase } from '../support/cli.js';

let cli: CliDatabase;
beforeAll(async () => {
  cli = await cliAgainstPostgres();
});
afterAll(() => cli.dispose());

describe('ote doelen', () => {
  it('lists the default target and the published totals', async () => {
    const { out } = await cli.ote('doelen', 'list');
    expect(out).toContain('Doel 2025: minstens 10% minder dan 2024');
    expect(out).toContain('Gepubliceerd 2024: 1543');
  });

  it('sets a target for 2026 that /ote doel then uses', async () => {
    expect((await cli.ote('doelen', 'set', '2026', '--basisjaar', '2025')).out).toContain('Doel 2026 vastgelegd');
    const { out } = await cli.ote('say', '/ote doel', '--at', '2026-03-01T12:00');
    expect(out).toContain('Doel 2026: minstens 10% minder aanslagen dan in 2025');
    expect(out).toContain('Voor basisjaar 2025 zijn geen cijfers bekend');
  });

  it('uses published monthly totals of the baseline once all twelve are known', async () => {
    for (let month = 1; month <= 12; month++) {
      await cli.ote('doelen', 'totaal', '2025', '100', '--maand', String(month), '--bron', 'test');
    }
    // Without coverage for 2026 there is no standing at all; the programme office declares it.
    expect((await cli.ote('say', '/ote doel', '--at', '2026-03-16T00:00')).out).toContain('Voor 2026 is nog niet vastgelegd dat het register volledig is');
    expect((await cli.ote('dekking', 'zet', '2026-01-01..2026-03-15', '--reden', 'export politie ontvangen')).out).toContain('Register volledig t/m 15 maart 2026.');
    const { out } = await cli.ote('say', '/ote doel', '--at', '2026-03-16T00:00');
    expect(out).toContain('Zelfde periode 2025    248,4'); // 100 + 100 + 100 × 15/31 days of March
    expect(out).toContain('gepubliceerde maandtotalen van 2025');
  });

  it('refuses a baseline year after the target year, in Dutch', async () => {
    const result = await cli.ote('doelen', 'set', '2026', '--basisjaar', '2027');
    expect(result.code).toBe(1);
    expect(result.err).toContain('Het basisjaar moet vóór het jaar van het doel liggen.');
  });
});

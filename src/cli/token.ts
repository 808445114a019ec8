// `ote token create|revoke|list`: bearer tokens of partner systems for the ingest API. A new token is
// printed once (alone on stdout, so scripts can capture it); only its hash is kept.
import type { Command } from 'commander';
import { formatDateTime } from '../render/format.js';
import { createToken, listTokens, revokeTokens } from '../store/tokens.js';
import { CliError, withApp } from './shared.js';
import { cliWho } from './who.js';
import type { CliContext } from './index.js';

function checkPartner(partner: string): string {
  const trimmed = partner.trim();
  if (trimmed.length < 1 || trimmed.length > 100 || /[\p{Cc}\p{Cf}]/u.test(trimmed)) {
    throw new CliError('Geef de naam van de partner (1 tot 100 tekens), bijvoorbeeld: ote token create "Politie Eenheid Rotterdam".');
  }
  return trimmed;
}

export function registerToken(token: Command, cli: CliContext): void {

  token
    .command('create')
    .description('Maakt een token voor een partner en toont hem één keer')
    .argument('<partner>', 'naam van de partner, bijv. "Politie Eenheid Rotterdam"')
    .action(async (partner: string) => {
      const name = checkPartner(partner);
      await withApp(cli, async (app) => {
        const { token: created, secret } = await createToken(app.db, name, cliWho());
        process.stderr.write(
          `Token ${created.id} voor ${created.partner} aangemaakt. Hij wordt alleen nu getoond: bewaar hem veilig.\n` +
            'Gebruik: Authorization: Bearer <token> bij POST /api/v1/incidents. Intrekken: ote token revoke ' +
            `${created.id}\n`,
        );
        process.stdout.write(`${secret}\n`);
      });
    });

  token
    .command('revoke')
    .description('Trekt een token in (op id) of alle tokens van een partner (op naam)')
    .argument('<id|partner>', 'token-id (bijv. 3) of partnernaam')
    .action(async (which: string) => {
      await withApp(cli, async (app) => {
        const revoked = await revokeTokens(app.db, which, cliWho());
        if (revoked.length === 0) throw new CliError(`Geen actieve token gevonden voor ‘${which}’. Zie ote token list.`);
        for (const t of revoked) process.stdout.write(`Ingetrokken: token ${t.id} van ${t.partner}\n`);
      });
    });

  token
    .command('list')
    .description('Toont alle tokens (nooit de tokens zelf)')
    .action(async () => {
      await withApp(cli, async (app) => {
        const tokens = await listTokens(app.db);
        if (tokens.length === 0) {
          process.stdout.write('Nog geen tokens. Maak er een met: ote token create <partner>\n');
          return;
        }
        const when = (d: Date | null) => (d ? formatDateTime(d, 'nl') : '–');
        const rows = [
          ['id', 'partner', 'aangemaakt', 'door', 'laatst gebruikt', 'ingetrokken'],
          ...tokens.map((t) => [String(t.id), t.partner, when(t.createdAt), t.createdBy, when(t.lastUsedAt), when(t.revokedAt)]),
        ];
        const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
        for (const row of rows) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
      });
    });
}

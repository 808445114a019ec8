// API tokens of partner systems. A token is shown once at creation; only its SHA-256 is stored, and a
// presented token is compared with every active hash in constant time. Creation and revocation are audited
// in the same transaction.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { audit, type AuditWho } from './audit.js';
import type { Db } from './db.js';

export const TOKEN_PREFIX = 'ote_';

export interface ApiToken {
  id: number;
  partner: string;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface TokenHolder {
  id: number;
  partner: string;
}

interface Row {
  id: number;
  partner: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const COLUMNS = 'id, partner, created_by, created_at, revoked_at, last_used_at';

function toToken(row: Row): ApiToken {
  return {
    id: Number(row.id),
    partner: row.partner,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
  };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Creates a token for a partner; the returned `secret` is the only copy there will ever be. */
export async function createToken(db: Db, partner: string, by: AuditWho): Promise<{ token: ApiToken; secret: string }> {
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const token = await db.transaction(async (tx) => {
    const [row] = await tx.query<Row>(
      `INSERT INTO api_tokens (partner, token_hash, created_by) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
      [partner, hashToken(secret), by.actor],
    );
    const token = toToken(row!);
    await audit(tx, { ...by, action: 'token.aangemaakt', subject: `token-${token.id}`, detail: { partner } });
    return token;
  });
  return { token, secret };
}

/** Revokes one token by id (`3`, `token-3`) or every active token of a partner; returns what was revoked. */
export async function revokeTokens(db: Db, idOrPartner: string, by: AuditWho): Promise<ApiToken[]> {
  const id = /^(?:token-)?(\d{1,15})$/.exec(idOrPartner.trim())?.[1];
  return db.transaction(async (tx) => {
    const rows = await tx.query<Row>(
      `UPDATE api_tokens SET revoked_at = now()
       WHERE revoked_at IS NULL AND (${id ? 'id = $1::bigint' : 'lower(partner) = lower($1)'})
       RETURNING ${COLUMNS}`,
      [id ?? idOrPartner.trim()],
    );
    const revoked = rows.map(toToken);
    for (const token of revoked) {
      await audit(tx, { ...by, action: 'token.ingetrokken', subject: `token-${token.id}`, detail: { partner: token.partner } });
    }
    return revoked;
  });
}

export async function listTokens(db: Db): Promise<ApiToken[]> {
  return (await db.query<Row>(`SELECT ${COLUMNS} FROM api_tokens ORDER BY id`)).map(toToken);
}

/**
 * The holder of a presented token, or null. Every active hash is compared (no early exit, no lookup by
 * value), so the time taken says nothing about how close a guess came.
 */
export async function authenticateToken(db: Db, presented: string): Promise<TokenHolder | null> {
  const wanted = createHash('sha256').update(presented, 'utf8').digest();
  const rows = await db.query<{ id: number; partner: string; token_hash: string }>(
    'SELECT id, partner, token_hash FROM api_tokens WHERE revoked_at IS NULL',
    [],
    { keep: true },
  );
  let found: TokenHolder | null = null;
  for (const row of rows) {
    if (timingSafeEqual(wanted, Buffer.from(row.token_hash, 'hex')) && !found) found = { id: Number(row.id), partner: row.partner };
  }
  return found;
}

export async function touchToken(db: Db, id: number): Promise<void> {
  await db.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [id], { keep: true });
}

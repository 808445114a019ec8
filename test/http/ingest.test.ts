// POST /api/v1/incidents against a real HTTP server and a real PostgreSQL: tokens, replays, bad input,
// oversize bodies, floods, and SQL-looking text.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEANS, TARGETS } from '../../src/domain/types.js';
import { INCIDENTS_PATH, mountIngest, OPENAPI_PATH } from '../../src/http/ingest.js';
import { createHttpServer, type HttpServer } from '../../src/http/server.js';
import { silentLogger } from '../../src/logger.js';
import { createToken, revokeTokens } from '../../src/store/tokens.js';
import { openTestDb, type TestDb } from '../support/db.js';
import { testMunicipalities } from '../support/runtime.js';

const CLI = { actor: 'cli:test', role: null, platform: 'cli' };
const NOW = new Date('2025-06-30T10:00:00Z');
let db: TestDb;
let http: HttpServer;
let base: string;
let token: string;

const incident = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  occurred_at: '2025-03-01T02:30',
  municipality: 'Den Haag',
  target: 'woning',
  outcome: 'explosie',
  means: 'vuurwerk',
  postcode4: '2512',
  ...overrides,
});

async function post(body: unknown, options: { token?: string | null; raw?: string; contentType?: string; url?: string } = {}) {
  const auth: Record<string, string> = options.token === null ? {} : { authorization: `Bearer ${options.token ?? token}` };
  const response = await fetch(`${options.url ?? base}${INCIDENTS_PATH}`, {
    method: 'POST',
    headers: { 'content-type': options.contentType ?? 'application/json', ...auth },
    body: options.raw ?? JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
}

const stored = () => db.query<{ reference: string; municipality_code: string; source: string; version: number }>(
  'SELECT reference, municipality_code, source, version FROM incidents ORDER BY reference',
);

async function startServer(rateLimit?: { capacity: number; perMinute: number }): Promise<{ http: HttpServer; url: string }> {
  const server = createHttpServer(0, silentLogger);
  mountIngest(server, { db, municipalities: testMunicipalities(), logger: silentLogger, now: () => NOW, ...(rateLimit ? { rateLimit } : {}) });
  const port = await server.listen();
  return { http: server, url: `http://127.0.0.1:${port}` };
}

beforeAll(async () => {
  db = await openTestDb('postgres');
  ({ http, url: base } = await startServer({ capacity: 1000, perMinute: 6000 }));
  token = (await createToken(db, 'Politie Eenheid Haaglanden', CLI)).secret;
});
afterAll(async () => {
  await http.close();
  await db.dispose();
});

describe('tokens', () => {
  it('refuses a request without a token, with another scheme, or with a wrong token, and writes nothing', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }, { authorization: 'Bearer ote_geraden' }];
    for (const headers of attempts) {
      const response = await fetch(`${base}${INCIDENTS_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(incident('T-1')),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="ote"');
      expect(((await response.json()) as { melding: string }).melding).toContain('Ontbrekende, ongeldige of ingetrokken token');
    }
    expect(await stored()).toEqual([]);
  });

  it('refuses a revoked token, and only that one', async () => {
    const other = await createToken(db, 'Politie Oost-Brabant', CLI);
    expect((await post(incident('T-2'), { token: other.secret })).status).toBe(201);
    await revokeTokens(db, String(other.token.id), CLI);
    expect((await post(incident('T-3'), { token: other.secret })).status).toBe(401);
    expect((await post(incident('T-3'))).status).toBe(201);
  });

  it('stores only a SHA-256 of each token and records its last use', async () => {
    const rows = await db.query<{ token_hash: string; last_used_at: Date | null }>('SELECT token_hash, last_used_at FROM api_tokens ORDER BY id');
    for (const row of rows) expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.last_used_at).not.toBeNull();
  });
});

describe('accepting incidents', () => {
  it('stores one incident before answering, with source api, history and an audit line', async () => {
    const response = await post(incident('A-1'));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      aangemaakt: 1,
      gecorrigeerd: 0,
      ongewijzigd: 0,
      incidenten: [{ id: 'A-1', resultaat: 'aangemaakt', versie: 1, status: 'actief' }],
    });
    expect(response.body.melding).toBe('Opgeslagen: 1 nieuw, 0 gecorrigeerd, 0 ongewijzigd.');
    const row = (await stored()).find((r) => r.reference === 'A-1');
    expect(row).toEqual({ reference: 'A-1', municipality_code: 'GM0518', source: 'api', version: 1 });
    const audit = await db.query<{ actor: string; platform: string; action: string }>("SELECT actor, platform, action FROM audit_log WHERE subject = 'A-1'");
    expect(audit).toEqual([{ actor: expect.stringMatching(/^api:Politie Eenheid Haaglanden\/token-\d+$/), platform: 'api', action: 'incident.aangemaakt' }]);
  });

  it('is idempotent on the reference: the same body again changes nothing, a changed one corrects', async () => {
    const body = { incidents: [incident('B-1'), incident('B-2', { municipality: 'GM0599', target: 'bedrijf' })] };
    expect((await post(body)).status).toBe(201);
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ aangemaakt: 0, gecorrigeerd: 0, ongewijzigd: 2 });
    const corrected = await post(incident('B-2', { municipality: 'GM0599', target: 'voertuig' }));
    expect(corrected.body.incidenten).toEqual([{ id: 'B-2', resultaat: 'gecorrigeerd', versie: 2, status: 'actief' }]);
    const history = await db.query<{ reference: string; change: string }>(
      "SELECT reference, change FROM incident_history WHERE reference LIKE 'B-%' ORDER BY reference, version",
    );
    expect(history).toEqual([
      { reference: 'B-1', change: 'aangemaakt' },
      { reference: 'B-2', change: 'aangemaakt' },
      { reference: 'B-2', change: 'gecorrigeerd' },
    ]);
  });

  it('takes a reference in any case and with spaces as the same incident', async () => {
    expect((await post(incident('API-CASE-1'))).status).toBe(201);
    const again = await post(incident(' api-case-1 '));
    expect(again.status).toBe(200);
    expect(again.body.incidenten).toEqual([{ id: 'API-CASE-1', resultaat: 'ongewijzigd', versie: 1, status: 'actief' }]);
    expect((await stored()).filter((r) => r.reference.toUpperCase() === 'API-CASE-1')).toHaveLength(1);
  });

  it('creates a reference once when the same request arrives several times at once', async () => {
    const responses = await Promise.all(Array.from({ length: 6 }, () => post(incident('C-1'))));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect((await stored()).filter((r) => r.reference === 'C-1')).toHaveLength(1);
    const created = await db.query("SELECT 1 FROM audit_log WHERE subject = 'C-1' AND action = 'incident.aangemaakt'");
    expect(created).toHaveLength(1);
  });
});

describe('refusing bad input, by field, writing nothing', () => {
  it('lists every error of every incident in a batch by its path, and stores none of the batch', async () => {
    const before = await stored();
    const response = await post({
      incidents: [
        incident('D-1'),
        incident('D-2', { municipality: 'Nergenshuizen', postcode4: '12AB' }),
        incident('D-3', { target: 42, occurred_at: '2999-01-01T00:00' }),
        incident('D-1'),
      ],
    });
    expect(response.status).toBe(422);
    expect(response.body.melding).toBe('Ongeldige invoer: 5 fouten. Er is niets opgeslagen.');
    const fields = (response.body.fouten as { veld: string; melding: string }[]).map((f) => f.veld);
    expect(fields.sort()).toEqual(['incidents[1].municipality', 'incidents[1].postcode4', 'incidents[2].occurred_at', 'incidents[2].target', 'incidents[3].id']);
    expect(response.body.fouten).toContainEqual({ veld: 'incidents[1].municipality', melding: expect.stringMatching(/^onbekende gemeente ‘Nergenshuizen’/) });
    expect(response.body.fouten).toContainEqual({ veld: 'incidents[2].occurred_at', melding: 'ligt in de toekomst' });
    expect(response.body.fouten).toContainEqual({ veld: 'incidents[3].id', melding: 'dezelfde referentie staat al in incidents[0]' });
    expect(await stored()).toEqual(before);
  });

  it('names wrong JSON types, missing fields and unknown fields (no room for personal data)', async () => {
    const response = await post({ id: 123, occurred_at: '2025-03-01T02:30', target: 'woning', outcome: 'poging', postcode4: 2512, naam: 'J. Jansen' });
    expect(response.status).toBe(422);
    const byField = Object.fromEntries((response.body.fouten as { veld: string; melding: string }[]).map((f) => [f.veld, f.melding]));
    expect(byField.id).toBe('verwacht tekst tussen aanhalingstekens, niet een getal');
    expect(byField.postcode4).toBe('verwacht tekst tussen aanhalingstekens, niet een getal');
    expect(byField.municipality).toBe('ontbreekt: dit veld is verplicht');
    expect(byField.naam).toBe('onbekend veld: laat het weg (velden zijn id, occurred_at, municipality, target, outcome, means, postcode4)');
    expect(JSON.stringify(response.body)).not.toMatch(/ontving|undefined|Onbekende key|Invalid/);
  });

  it('refuses a body that is no incident, an empty batch, malformed JSON and another content type', async () => {
    expect((await post([incident('E-1')])).body.fouten).toEqual([{ veld: 'body', melding: expect.stringContaining('verwacht één incident') }]);
    expect((await post({ incidents: [] })).body.fouten).toEqual([{ veld: 'incidents', melding: 'een batch bevat 1 tot 1000 incidenten' }]);
    const malformed = await post(null, { raw: '{"id": "E-2", "target": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.melding).toMatch(/^De body is geen geldige JSON/);
    expect((await post(null, { raw: 'id=E-3', contentType: 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await stored()).some((r) => r.reference.startsWith('E-'))).toBe(false);
  });

  it('keeps SQL-looking text harmless: refused where it is no valid value, stored verbatim where it is', async () => {
    const sql = "Rotterdam'); DROP TABLE incidents; --";
    const refused = await post(incident('F-1', { municipality: sql }));
    expect(refused.body.fouten).toEqual([{ veld: 'municipality', melding: `onbekende gemeente ‘${sql}’` }]);
    expect((await post(incident("F-2' OR '1'='1"))).body.fouten[0].veld).toBe('id');

    const partner = "Robert'); DROP TABLE api_tokens; --";
    const bobby = await createToken(db, partner, CLI);
    const accepted = await post(incident('SELECT-1--DROP.TABLE/incidents'), { token: bobby.secret });
    expect(accepted.status).toBe(201);
    expect((await stored()).map((r) => r.reference)).toContain('SELECT-1--DROP.TABLE/INCIDENTS'); // verbatim, in the normal form of a reference
    const [row] = await db.query<{ partner: string }>('SELECT partner FROM api_tokens WHERE id = $1', [bobby.token.id]);
    expect(row!.partner).toBe(partner);
    const [audit] = await db.query<{ actor: string }>("SELECT actor FROM audit_log WHERE subject = 'SELECT-1--DROP.TABLE/INCIDENTS'");
    expect(audit!.actor).toBe(`api:${partner}/token-${bobby.token.id}`);
  });
});

describe('oversize bodies and floods', () => {
  it('answers 413 to a declared length over 1 MiB without reading the body', async () => {
    const { status, body } = await rawUpload({ 'content-length': String(2 * 1024 * 1024) }, 64 * 1024, 2 * 1024 * 1024);
    expect(status).toBe(413);
    expect(JSON.parse(body).melding).toBe('Het verzoek is groter dan 1048576 bytes; stuur kleinere batches.');
  });

  it('answers 413 to a streamed body once it passes 1 MiB, and stores nothing of it', async () => {
    const before = await stored();
    const { status } = await rawUpload({ 'transfer-encoding': 'chunked' }, 64 * 1024, 16 * 1024 * 1024);
    expect(status).toBe(413);
    expect(await stored()).toEqual(before);
  });

  it('answers 429 with Retry-After once a token has used its allowance, per token', async () => {
    const limited = await startServer({ capacity: 3, perMinute: 1 });
    try {
      const flood = await createToken(db, 'Flood', CLI);
      const calm = await createToken(db, 'Calm', CLI);
      const statuses: number[] = [];
      let last: Awaited<ReturnType<typeof post>> | undefined;
      for (let i = 0; i < 5; i++) {
        last = await post(incident('G-1'), { token: flood.secret, url: limited.url });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([201, 200, 200, 429, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(last!.body.melding).toMatch(/^Te veel verzoeken met deze token; probeer het over \d+ seconden opnieuw\.$/);
      expect((await post(incident('G-1'), { token: calm.secret, url: limited.url })).status).toBe(200);
    } finally {
      await limited.http.close();
    }
  });
});

describe('coverage from a batch', () => {
  const coverage = () => db.query<{ covers_from: Date; covers_to: Date; source: string }>('SELECT covers_from, covers_to, source FROM coverage_declarations ORDER BY id');

  it('extends the register\'s coverage to complete_through, and refuses a bad or future one by field, writing nothing', async () => {
    await db.exec('DELETE FROM coverage_declarations');
    const bad = await post({ incidents: [incident('COV-1')], complete_through: 'gisteren' });
    expect(bad.status).toBe(422);
    expect(bad.body.fouten).toEqual([{ veld: 'complete_through', melding: '‘gisteren’ is geen geldig moment in ISO 8601 (bijv. 2025-07-01T00:00)' }]);
    const future = await post({ incidents: [incident('COV-1')], complete_through: '2025-07-02T00:00' });
    expect(future.status).toBe(422);
    expect(future.body.fouten[0].veld).toBe('complete_through');
    expect((await stored()).map((r) => r.reference)).not.toContain('COV-1');
    expect(await coverage()).toEqual([]);

    expect((await post({ incidents: [incident('COV-1')], complete_through: '2025-03-31T00:00' })).status).toBe(201);
    // From the local day of the first incident (1 March) to the moment given.
    expect(await coverage()).toEqual([{ covers_from: new Date('2025-02-28T23:00:00Z'), covers_to: new Date('2025-03-30T22:00:00Z'), source: 'api' }]);
    // The next batch continues where the coverage ended.
    await post({ incidents: [incident('COV-2', { occurred_at: '2025-04-10T03:00' })], complete_through: '2025-05-01T00:00' });
    expect((await coverage())[1]).toEqual({ covers_from: new Date('2025-03-30T22:00:00Z'), covers_to: new Date('2025-04-30T22:00:00Z'), source: 'api' });
    // Without the field, and from the chat, the coverage stays as it was.
    await post({ incidents: [incident('COV-3', { occurred_at: '2025-05-10T03:00' })] });
    expect(await coverage()).toHaveLength(2);
  });
});

describe('the OpenAPI description', () => {
  it('is generated from the zod schemas', async () => {
    const response = await fetch(`${base}${OPENAPI_PATH}`);
    const doc = (await response.json()) as any;
    expect(doc.openapi).toBe('3.1.0');
    const schema = doc.components.schemas.Incident;
    expect(schema.required).toEqual(['id', 'occurred_at', 'municipality', 'target', 'outcome']);
    expect(schema.properties.target.enum).toEqual([...TARGETS]);
    expect(schema.properties.means.enum).toEqual([...MEANS]);
    expect(schema.additionalProperties).toBe(false);
    expect(doc.components.schemas.Batch.properties.incidents.items).toEqual({ $ref: '#/components/schemas/Incident' });
    expect(doc.components.schemas.Batch.properties.complete_through).toMatchObject({ type: 'string' });
    expect(doc.components.schemas.Batch.required).toEqual(['incidents']);
    expect(Object.keys(doc.paths[INCIDENTS_PATH].post.responses).sort()).toEqual(['200', '201', '400', '401', '408', '413', '415', '422', '429', '500', '503']);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

/** Sends `total` bytes in `chunk`-sized writes until the server answers; resolves with its answer. */
function rawUpload(headers: Record<string, string>, chunk: number, total: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${INCIDENTS_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The server closes the connection after refusing; the rest of the upload then fails, as intended.
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const piece = Buffer.alloc(chunk, 0x20);
    let sent = 0;
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    req.flushHeaders();
    pump();
  });
}

// POST /api/v1/incidents for police systems, and GET /api/v1/openapi.json. Order of checks: declared size,
// bearer token, rate limit, content type, body size, JSON, fields; only then one transaction writes every
// incident with its audit lines, and only after that comes the answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { databaseUnavailable } from '../dependency-error.js';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import { translate, type MessageKey, type MessageParams } from '../i18n/index.js';
import { internalError } from '../internal-error.js';
import { recordIncidents } from '../intake/record.js';
import { ReferenceCaseConflict } from '../store/incidents.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';
import { authenticateToken, touchToken } from '../store/tokens.js';
import { declaredTooLarge, readBody } from './body.js';
import { validateIngestBody, type FieldError } from './ingest-schema.js';
import { openApiDocument } from './openapi.js';
import { createRateLimiter, type RateLimiter } from './rate-limit.js';
import type { SharedState } from '../shared-state.js';
import type { HttpServer } from './server.js';

export const INCIDENTS_PATH = '/api/v1/incidents';
export const OPENAPI_PATH = '/api/v1/openapi.json';
const MiB = 1024 * 1024;
const MAX_LISTED_ERRORS = 500;
/** What a client is asked to wait when the database is away. */
export const RETRY_AFTER_SECONDS = 30;

export interface IngestOptions {
  db: Db;
  municipalities: MunicipalityIndex;
  logger: Logger;
  now?: () => Date;
  maxBodyBytes?: number;
  /** Per token: `capacity` requests at once, `perMinute` on average. */
  rateLimit?: { capacity: number; perMinute: number };
  /** With REDIS_URL: the rate limit is counted across every web process. */
  shared?: SharedState;
  /** Called once a request stored something new or corrected (alerts look for it). */
  afterStore?: () => void;
}

const nl = (key: MessageKey, params?: MessageParams) => translate('nl', key, params);

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** Refuses without reading the rest of the body, and closes the connection so it is not read later either. */
function refuseUpload(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(res, status, body, { connection: 'close', ...headers });
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = header ? /^Bearer[ \t]+([^\s]{1,512})[ \t]*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

export function mountIngest(http: HttpServer, options: IngestOptions): void {
  const handlers = createIngestHandlers(options);
  http.route('POST', INCIDENTS_PATH, handlers.postIncidents);
  http.route('GET', OPENAPI_PATH, handlers.openApi);
}

export function createIngestHandlers(options: IngestOptions) {
  const { db, municipalities, logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? MiB;
  const now = options.now ?? (() => new Date());
  const limiter: RateLimiter = createRateLimiter(options.rateLimit ?? { capacity: 30, perMinute: 120 }, options.shared);
  const openApi = JSON.stringify(openApiDocument(maxBodyBytes));

  async function postIncidents(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (declaredTooLarge(req, maxBodyBytes)) return refuseUpload(res, 413, { melding: nl('api.tooLarge', { max: maxBodyBytes }) });

    const presented = bearerToken(req);
    const holder = presented ? await authenticateToken(db, presented) : null;
    if (!holder) {
      logger.warn({ remote: req.socket.remoteAddress, hadBearer: presented !== null }, 'ingest: refused without a valid token');
      return refuseUpload(res, 401, { melding: nl('api.unauthorized') }, { 'www-authenticate': 'Bearer realm="ote"' });
    }
    const decision = await limiter.take(String(holder.id));
    if (!decision.ok) {
      logger.warn({ tokenId: holder.id, partner: holder.partner }, 'ingest: rate limited');
      return refuseUpload(res, 429, { melding: nl('api.rateLimited', { seconds: decision.retryAfterSeconds }) }, { 'retry-after': String(decision.retryAfterSeconds) });
    }
    if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(req.headers['content-type'] ?? '')) {
      return refuseUpload(res, 415, { melding: nl('api.contentType') });
    }
    const body = await readBody(req, maxBodyBytes);
    if (!body.ok) {
      if (body.problem === 'too-large') refuseUpload(res, 413, { melding: nl('api.tooLarge', { max: maxBodyBytes }) });
      else res.destroy();
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.bytes.toString('utf8'));
    } catch (error) {
      const position = /position (\d+)/.exec((error as Error).message)?.[1];
      return send(res, 400, { melding: nl('api.badJson', { where: position ? nl('api.badJsonAt', { position }) : '' }) });
    }

    const checked = validateIngestBody(parsed, municipalities, now());
    if (!checked.ok) return send(res, 422, invalidBody(checked.errors));

    const who = { actor: `api:${holder.partner}/token-${holder.id}`, role: null, platform: 'api' };
    let results: Awaited<ReturnType<typeof recordIncidents>>;
    try {
      results = await recordIncidents(db, checked.incidents, 'api', who, checked.completeThrough);
    } catch (error) {
      if (!(error instanceof ReferenceCaseConflict)) throw error;
      return send(res, 409, { melding: nl('reference.caseConflict', { references: error.references.join(', ') }) });
    }
    await touchToken(db, holder.id).catch((error: unknown) => logger.warn({ err: error, tokenId: holder.id }, 'ingest: could not record last use'));

    const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
    const summary = { aangemaakt: count('aangemaakt'), gecorrigeerd: count('gecorrigeerd'), ongewijzigd: count('ongewijzigd') };
    logger.info({ tokenId: holder.id, partner: holder.partner, incidents: results.length, ...summary }, 'ingest: incidents stored');
    if (summary.aangemaakt + summary.gecorrigeerd > 0) options.afterStore?.();
    send(res, summary.aangemaakt > 0 ? 201 : 200, {
      melding: nl('api.accepted', { created: summary.aangemaakt, corrected: summary.gecorrigeerd, unchanged: summary.ongewijzigd }),
      ...summary,
      incidenten: results.map((r) => ({ id: r.reference, resultaat: r.outcome, versie: r.version, status: r.status })),
    });
  }

  /** Every failure in the API's own format: 503 with Retry-After while the database is away, else 500. */
  async function postIncidentsSafely(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await postIncidents(req, res);
    } catch (error) {
      if (res.headersSent) return void res.destroy();
      if (databaseUnavailable(error)) {
        logger.warn({ err: error }, 'ingest: database unavailable');
        return send(res, 503, { melding: nl('api.unavailable', { seconds: RETRY_AFTER_SECONDS }) }, { 'retry-after': String(RETRY_AFTER_SECONDS) });
      }
      send(res, 500, { melding: internalError(error, 'nl', { logger, message: 'ingest failed' }).text });
    }
  }

  function openApiHandler(_req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(openApi);
  }

  return { postIncidents: postIncidentsSafely, openApi: openApiHandler };
}

function invalidBody(errors: FieldError[]) {
  return { melding: nl('api.invalid', { count: errors.length }), fouten: errors.slice(0, MAX_LISTED_ERRORS) };
}

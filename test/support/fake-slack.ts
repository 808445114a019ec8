// A local fake of Slack's Web API and response_url endpoint, speaking Slack's wire formats, for tests
// and benchmarks that must not reach the internet.
//
//   const slack = await startFakeSlack();            // listens on 127.0.0.1, a free port
//   SLACK_API_URL = slack.apiUrl                     // http://127.0.0.1:PORT/api/ (WebClient's slackApiUrl)
//   SLACK_BOT_TOKEN = slack.token                    // requests with another token get `invalid_auth`
//
// What it answers (form-encoded or JSON bodies, like Slack): auth.test, chat.postMessage (keeping `metadata`),
// chat.postEphemeral, files.getUploadURLExternal + the upload URL it hands out + files.completeUploadExternal
// (which shares the file as a message in the channel), conversations.history (newest first, `oldest`/`latest`/
// `inclusive`, `limit` up to 999 with cursor pages, metadata only with `include_all_metadata`),
// usergroups.users.list, users.info, conversations.info, conversations.members (`slack.channelMembers`, with the
// bot, `limit` and cursor pages), and posts to `slack.responseUrl()` (a slash command's response_url);
// apps.connections.open (with `slack.appToken`) hands out `slack.socketModeUrl` when a test sets one.
// Anything else: `{ ok: false, error: 'unknown_method' }`.
//
// chat.update replaces the text and blocks of a message the bot posted (`message_not_found` for an unknown ts,
// `cant_update_message` for one it did not post), as Slack does; `updates` lists them.
// What it records: `calls` (every request, failed or not), `messages` (posted chat.postMessage),
// `ephemerals`, `responses` (response_url posts), `files` (completed uploads with their bytes).
//
// Faults, per method ('response_url' for response_url posts), consumed in order:
//   slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });   // rate limited
//   slack.failNext('chat.postMessage', { status: 503 }, 2);               // two server errors
//   slack.failNext('chat.postMessage', { delayMs: 1500 });                // slow, then a normal answer
//   slack.failNext('chat.postMessage', { error: 'channel_not_found' });   // a Slack error answer
//   slack.failNext('chat.postMessage', { status: 500, stored: true });    // posted, then a server error
//   slack.failNext('chat.postMessage', { drop: true });                   // posted, then the connection cut
//   slack.failNext('chat.postMessage', { hang: true });                   // no answer at all (nothing stored)
// and, standing: `slack.dropResponses('chat.postMessage', 0.2)` cuts the connection instead of answering for
// exactly that fraction of successful calls (evenly spread: the 5th, 10th, … for 0.2), after storing what they did;
// `slack.dropped` counts the answers lost either way. Message `ts` follow the real clock, as Slack's do.
// Standing state: `slack.channelErrors.set('C123', 'is_archived')` answers every post to C123 with that
// error; `slack.latencyMs` delays every answer; `slack.userGroups.set('S1', ['U1'])` fills user groups;
// `slack.workspaceAdmins.add('U1')` / `slack.workspaceOwners.add('U2')` make users.info say `is_admin` /
// `is_owner` (an owner is also an admin, as in Slack). `slack.channels.set('C1', { isMember: false })` makes C1 a
// public channel the bot is not in (conversations.info `is_member: false`, posts answer `not_in_channel`), with
// `isPrivate` a private one (every call answers `channel_not_found`, as Slack does to a non-member), with
// `isArchived` an archived one (posts answer `is_archived`). A channel not set is a public one the bot is in.
//
// Rate limits as Slack enforces them on posting (chat.postMessage, chat.postEphemeral,
// files.completeUploadExternal): `slack.setRateLimits({ perChannelPerSecond: 1, workspacePerMinute: 100,
// retryAfterSeconds: 1 })` (or `workspacePerSecond`, for the fan-out benchmark; `historyPerMinute` for
// conversations.history). A call over a limit gets 429 with Retry-After and counts in `slack.rateLimited`.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { historyPage, type HistoryMessage } from './fake-slack-history.js';

export type { HistoryMessage };

export type Fault =
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503; stored?: boolean }
  | { delayMs: number }
  | { error: string }
  | { drop: true }
  | { hang: true; stored?: boolean };

export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  status: number;
  at: number;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  user?: string;
  metadata?: { event_type: string; event_payload?: Record<string, unknown> };
}


export interface UploadedFile {
  id: string;
  title?: string;
  filename?: string;
  channel?: string;
  bytes: number;
  /** The uploaded content (the file part of a multipart upload). */
  data: Uint8Array;
}

export interface FakeChannel {
  isMember: boolean;
  isPrivate?: boolean;
  isArchived?: boolean;
}

export interface RateLimits {
  perChannelPerSecond?: number;
  workspacePerMinute?: number;
  /** Posts in any one second over the whole workspace. */
  workspacePerSecond?: number;
  /** conversations.history calls a minute (Slack's Tier 3: 50). */
  historyPerMinute?: number;
  retryAfterSeconds?: number;
}

export interface FakeSlack {
  apiUrl: string;
  baseUrl: string;
  token: string;
  /** The app-level token (`xapp-…`) apps.connections.open accepts. */
  appToken: string;
  /** Where apps.connections.open sends a Socket Mode client; set by a test that runs a socket server. */
  socketModeUrl?: string;
  botUserId: string;
  botId: string;
  calls: RecordedCall[];
  messages: PostedMessage[];
  ephemerals: PostedMessage[];
  /** chat.update calls that Slack applied: the message's new text and blocks. */
  updates: PostedMessage[];
  responses: { id: string; body: Record<string, unknown> }[];
  files: UploadedFile[];
  channelErrors: Map<string, string>;
  channels: Map<string, FakeChannel>;
  userGroups: Map<string, string[]>;
  /** Members per channel id (conversations.members, paged by cursor); a channel not set has the bot only. */
  channelMembers: Map<string, string[]>;
  workspaceAdmins: Set<string>;
  workspaceOwners: Set<string>;
  latencyMs: number;
  rateLimited: number;
  /** Answers lost on purpose: connections cut or left hanging. */
  dropped: number;
  /** Every channel's messages, oldest first, as conversations.history reads them. */
  history: Map<string, HistoryMessage[]>;
  /** A fresh response_url, as Slack sends with each slash command. */
  responseUrl(): string;
  failNext(method: string, fault: Fault, times?: number): void;
  /** Cuts the connection after storing, instead of answering, for `fraction` of the method's successful calls. */
  dropResponses(method: string, fraction: number): void;
  setRateLimits(limits: RateLimits): void;
  /** Calls of one method, optionally only the answered ones. */
  callsOf(method: string, status?: number): RecordedCall[];
  reset(): void;
  close(): Promise<void>;
}

const POSTING = new Set(['chat.postMessage', 'chat.postEphemeral', 'files.completeUploadExternal']);
const JSON_FIELDS = ['blocks', 'attachments', 'files', 'metadata'];

export async function startFakeSlack(options: { token?: string } = {}): Promise<FakeSlack> {
  const faults = new Map<string, Fault[]>();
  const uploads = new Map<string, { filename?: string; bytes: number; data?: Uint8Array }>();
  let limits: RateLimits = {};
  const postTimes: { channel: string; at: number }[] = [];
  const lookupTimes: number[] = [];
  const drops = new Map<string, { fraction: number; calls: number }>();
  let lastTs = 0n;

  const fake: FakeSlack = {
    apiUrl: '',
    baseUrl: '',
    token: options.token ?? 'xoxb-fake-token',
    appToken: 'xapp-fake-token',
    botUserId: 'UFAKEBOT1',
    botId: 'BFAKEBOT1',
    calls: [],
    messages: [],
    ephemerals: [],
    updates: [],
    responses: [],
    files: [],
    channelErrors: new Map(),
    channels: new Map(),
    userGroups: new Map(),
    channelMembers: new Map(),
    workspaceAdmins: new Set(),
    workspaceOwners: new Set(),
    latencyMs: 0,
    rateLimited: 0,
    dropped: 0,
    history: new Map(),
    responseUrl: () => `${fake.baseUrl}/response/${randomBytes(6).toString('hex')}`,
    failNext(method, fault, times = 1) {
      const queue = faults.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push(fault);
      faults.set(method, queue);
    },
    dropResponses: (method, fraction) => void drops.set(method, { fraction, calls: 0 }),
    setRateLimits: (next) => void (limits = next),
    callsOf: (method, status) => fake.calls.filter((c) => c.method === method && (status === undefined || c.status === status)),
    reset() {
      for (const list of [fake.calls, fake.messages, fake.ephemerals, fake.updates, fake.responses, fake.files, postTimes, lookupTimes]) list.length = 0;
      faults.clear();
      drops.clear();
      uploads.clear();
      fake.history.clear();
      fake.dropped = 0;
      fake.channelErrors.clear();
      fake.channels.clear();
      fake.userGroups.clear();
      fake.channelMembers.clear();
      fake.workspaceAdmins.clear();
      fake.workspaceOwners.clear();
      fake.latencyMs = 0;
      fake.rateLimited = 0;
      limits = {};
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  /** The real clock in microseconds, always increasing, as Slack's message ts. */
  const nextTs = () => {
    const now = BigInt(Date.now()) * 1000n;
    lastTs = now > lastTs ? now : lastTs + 1n;
    return `${lastTs / 1_000_000n}.${String(lastTs % 1_000_000n).padStart(6, '0')}`;
  };
  const keep = (channel: string, message: Omit<HistoryMessage, 'type' | 'user' | 'bot_id'>) => {
    const list = fake.history.get(channel) ?? [];
    list.push({ type: 'message', user: fake.botUserId, bot_id: fake.botId, ...message });
    fake.history.set(channel, list);
  };

  /** 429 when this post would break a configured rate; otherwise records the post's moment. */
  function overRate(channel: string): boolean {
    const now = Date.now();
    const recentChannel = postTimes.filter((p) => p.channel === channel && now - p.at < 1000).length;
    const recentWorkspace = postTimes.filter((p) => now - p.at < 60_000).length;
    const lastSecond = postTimes.filter((p) => now - p.at < 1000).length;
    if (
      (limits.perChannelPerSecond && recentChannel >= limits.perChannelPerSecond) ||
      (limits.workspacePerMinute && recentWorkspace >= limits.workspacePerMinute) ||
      (limits.workspacePerSecond && lastSecond >= limits.workspacePerSecond)
    ) {
      fake.rateLimited += 1;
      return true;
    }
    postTimes.push({ channel, at: now });
    return false;
  }

  function answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    const channel = String(body.channel ?? body.channel_id ?? '');
    const channelError = fake.channelErrors.get(channel) ?? membershipError(fake.channels.get(channel));
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://ote-test.slack.com/', team: 'OTE test', user: 'ote', team_id: 'TFAKE0001', user_id: fake.botUserId, bot_id: fake.botId };
      case 'chat.postMessage': {
        if (!channel) return { ok: false, error: 'channel_not_found' };
        if (channelError) return { ok: false, error: channelError };
        if (!body.text && !body.blocks) return { ok: false, error: 'no_text' };
        const metadata = body.metadata as PostedMessage['metadata'] | undefined;
        const message: PostedMessage = {
          channel,
          ts: nextTs(),
          text: body.text as string,
          blocks: body.blocks as unknown[],
          ...(body.thread_ts ? { thread_ts: String(body.thread_ts) } : {}),
          ...(metadata ? { metadata } : {}),
        };
        fake.messages.push(message);
        keep(channel, { ts: message.ts, text: message.text ?? '', ...(metadata ? { metadata } : {}) });
        return { ok: true, channel, ts: message.ts, message: { type: 'message', text: message.text, blocks: message.blocks, user: fake.botUserId } };
      }
      case 'chat.update': {
        if (channelError) return { ok: false, error: channelError };
        const message = fake.messages.find((m) => m.channel === channel && m.ts === String(body.ts ?? ''));
        if (!message) return { ok: false, error: 'message_not_found' };
        if (message.user !== undefined && message.user !== fake.botUserId) return { ok: false, error: 'cant_update_message' };
        if (!body.text && !body.blocks) return { ok: false, error: 'no_text' };
        message.text = body.text as string;
        message.blocks = body.blocks as unknown[];
        fake.updates.push({ channel, ts: message.ts, text: message.text, blocks: message.blocks });
        return { ok: true, channel, ts: message.ts, text: message.text, message: { type: 'message', text: message.text, blocks: message.blocks, user: fake.botUserId } };
      }
      case 'chat.postEphemeral': {
        if (channelError) return { ok: false, error: channelError };
        const message: PostedMessage = { channel, ts: nextTs(), text: body.text as string, blocks: body.blocks as unknown[], user: String(body.user ?? '') };
        fake.ephemerals.push(message);
        return { ok: true, message_ts: message.ts };
      }
      case 'files.getUploadURLExternal': {
        const id = `F${randomBytes(5).toString('hex').toUpperCase()}`;
        uploads.set(id, { filename: body.filename as string, bytes: -1 });
        return { ok: true, upload_url: `${fake.baseUrl}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        if (channelError) return { ok: false, error: channelError };
        const listed = (body.files as { id: string; title?: string }[] | undefined) ?? [];
        if (listed.some((f) => (uploads.get(f.id)?.bytes ?? -1) < 0)) return { ok: false, error: 'invalid_arguments' };
        for (const f of listed) {
          const upload = uploads.get(f.id)!;
          fake.files.push({ id: f.id, title: f.title, filename: upload.filename, bytes: upload.bytes, data: upload.data ?? new Uint8Array(), ...(channel ? { channel } : {}) });
        }
        if (channel) keep(channel, { ts: nextTs(), text: '', upload: true, files: listed.map((f) => ({ id: f.id, name: uploads.get(f.id)?.filename, title: f.title })) });
        return { ok: true, files: listed.map((f) => ({ id: f.id, title: f.title })) };
      }
      case 'conversations.history':
        if (!channel) return { ok: false, error: 'channel_not_found' };
        if (channelError) return { ok: false, error: channelError };
        return { ok: true, ...historyPage(fake.history.get(channel) ?? [], body) };
      case 'conversations.info': {
        const known = fake.channels.get(channel) ?? { isMember: true };
        if (!channel || (known.isPrivate && !known.isMember)) return { ok: false, error: 'channel_not_found' };
        return {
          ok: true,
          channel: {
            id: channel,
            name: `kanaal-${channel.toLowerCase()}`,
            is_channel: !known.isPrivate,
            is_group: false,
            is_im: false,
            is_private: known.isPrivate === true,
            is_archived: known.isArchived === true,
            is_member: known.isMember,
            created: 1_700_000_000,
          },
        };
      }
      case 'conversations.members': {
        const known = fake.channels.get(channel) ?? { isMember: true };
        if (!channel || (known.isPrivate && !known.isMember)) return { ok: false, error: 'channel_not_found' };
        const all = [fake.botUserId, ...(fake.channelMembers.get(channel) ?? [])];
        const limit = Math.min(1000, Math.max(1, Number(body.limit ?? 100)));
        const offset = body.cursor ? Number(Buffer.from(String(body.cursor), 'base64').toString().replace(/^offset:/, '')) : 0;
        const next = offset + limit < all.length ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '';
        return { ok: true, members: all.slice(offset, offset + limit), response_metadata: { next_cursor: next } };
      }
      case 'usergroups.users.list': {
        const users = fake.userGroups.get(String(body.usergroup));
        return users ? { ok: true, users } : { ok: false, error: 'no_such_subteam' };
      }
      case 'apps.connections.open':
        return fake.socketModeUrl ? { ok: true, url: fake.socketModeUrl } : { ok: false, error: 'not_allowed_token_type' };
      case 'users.info': {
        const id = String(body.user ?? '');
        if (!id) return { ok: false, error: 'user_not_found' };
        const isOwner = fake.workspaceOwners.has(id);
        const isAdmin = isOwner || fake.workspaceAdmins.has(id);
        return { ok: true, user: { id, name: `user-${id}`, tz: 'Europe/Amsterdam', is_admin: isAdmin, is_owner: isOwner, is_primary_owner: false, is_bot: false } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** Whether this successful call's answer is the next to drop: exactly `fraction` of them, evenly spread. */
  function dropNow(method: string): boolean {
    const dropping = drops.get(method);
    if (!dropping) return false;
    const before = Math.floor(dropping.calls * dropping.fraction);
    dropping.calls += 1;
    return Math.floor(dropping.calls * dropping.fraction) > before;
  }

  function overHistoryRate(): boolean {
    const now = Date.now();
    while (lookupTimes.length && now - lookupTimes[0]! >= 60_000) lookupTimes.shift();
    if (limits.historyPerMinute && lookupTimes.length >= limits.historyPerMinute) {
      fake.rateLimited += 1;
      return true;
    }
    lookupTimes.push(now);
    return false;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0]!;
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(payload));
    };

    if (path.startsWith('/upload/')) {
      const id = path.slice('/upload/'.length);
      const known = uploads.get(id);
      if (!known) return void res.writeHead(404).end();
      known.data = await uploadedContent(raw, req.headers['content-type']);
      known.bytes = known.data.length;
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${known.bytes}`);
    }

    const isResponse = path.startsWith('/response/');
    const method = isResponse ? 'response_url' : path.replace(/^\/api\//, '');
    const body = isResponse ? (JSON.parse(raw.toString() || '{}') as Record<string, unknown>) : await parseApiBody(raw, req.headers['content-type']);
    const record = (status: number) => void fake.calls.push({ method, body, status, at: Date.now() });

    if (fake.latencyMs > 0) await sleep(fake.latencyMs);
    const queued = faults.get(method)?.shift();
    if (queued && 'delayMs' in queued) await sleep(queued.delayMs);
    // Faults that strike after the work is done wait until the answer is ready.
    const afterwards = queued && (('stored' in queued && queued.stored) || 'drop' in queued) ? queued : undefined;
    const fault = afterwards ? undefined : queued;
    if (fault && 'hang' in fault) {
      record(0);
      fake.dropped += 1;
      return;
    }
    if (fault && 'status' in fault) {
      record(fault.status);
      return fault.status === 429 ? send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfter) }) : send(fault.status, { ok: false, error: 'fatal_error' });
    }
    if (fault && 'error' in fault) {
      record(200);
      return send(200, { ok: false, error: fault.error });
    }
    if (isResponse) {
      record(200);
      fake.responses.push({ id: path.slice('/response/'.length), body });
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    }
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || String(body.token ?? '');
    if (token !== (method === 'apps.connections.open' ? fake.appToken : fake.token)) {
      record(200);
      return send(200, { ok: false, error: token ? 'invalid_auth' : 'not_authed' });
    }
    if (POSTING.has(method) && overRate(String(body.channel ?? body.channel_id ?? ''))) {
      record(429);
      return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limits.retryAfterSeconds ?? 1) });
    }
    if (method === 'conversations.history' && overHistoryRate()) {
      // As Slack does: Retry-After says when the minute's window has room again.
      record(429);
      return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(Math.max(1, Math.ceil((lookupTimes[0]! + 60_000 - Date.now()) / 1000))) });
    }
    const payload = answer(method, body);
    const lost = afterwards ?? (payload.ok && dropNow(method) ? ({ drop: true } as const) : undefined);
    if (lost && 'status' in lost) {
      record(lost.status);
      return send(lost.status, { ok: false, error: 'fatal_error' });
    }
    if (lost) {
      record(0);
      fake.dropped += 1;
      // Stored, but the answer never comes: the connection is cut (or, for a hang, left open).
      if ('drop' in lost) res.socket?.destroy();
      return;
    }
    record(200);
    send(200, payload);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'fake_slack_failure', detail: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.baseUrl = `http://127.0.0.1:${port}`;
  fake.apiUrl = `${fake.baseUrl}/api/`;
  return fake;
}

/** What Slack answers a post into a channel the bot is not in, or an archived one. */
function membershipError(channel: FakeChannel | undefined): string | undefined {
  if (!channel) return undefined;
  if (channel.isArchived) return 'is_archived';
  if (!channel.isMember) return channel.isPrivate ? 'channel_not_found' : 'not_in_channel';
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseApiBody(raw: Buffer, contentType = ''): Promise<Record<string, unknown>> {
  if (contentType.startsWith('application/json')) return raw.length ? (JSON.parse(raw.toString()) as Record<string, unknown>) : {};
  const fields: Record<string, unknown> = {};
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    form.forEach((value, key) => void (fields[key] = typeof value === 'string' ? value : `[file ${value.size} bytes]`));
  } else {
    for (const [key, value] of new URLSearchParams(raw.toString())) fields[key] = value;
  }
  for (const key of JSON_FIELDS) {
    if (typeof fields[key] === 'string') fields[key] = JSON.parse(fields[key] as string);
  }
  return fields;
}

/** An uploaded file: the file parts of a multipart body, or the raw body. */
async function uploadedContent(raw: Buffer, contentType = ''): Promise<Uint8Array> {
  if (!contentType.startsWith('multipart/form-data')) return new Uint8Array(raw);
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const parts: Buffer[] = [];
  for (const value of form.values()) parts.push(typeof value === 'string' ? Buffer.from(value) : Buffer.from(await value.arrayBuffer()));
  return new Uint8Array(Buffer.concat(parts));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

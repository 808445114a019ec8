// Wire details of the fake Discord (fake-discord.ts): its JSON error bodies, request bodies (JSON or
// multipart with `payload_json` and `files[n]`), and message objects as Discord returns and delivers them.
import type { IncomingMessage } from 'node:http';
import { snowflake } from './fake-discord-interactions.js';

export interface RecordedFile {
  field: string;
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

/** Discord's JSON error codes the fake answers with: HTTP status and message. */
export const ERRORS: Record<number, [number, string]> = {
  0: [404, '404: Not Found'],
  10003: [404, 'Unknown Channel'],
  10007: [404, 'Unknown Member'],
  10008: [404, 'Unknown Message'],
  10011: [404, 'Unknown Role'],
  10062: [404, 'Unknown interaction'],
  40060: [400, 'Interaction has already been acknowledged.'],
  50001: [403, 'Missing Access'],
  50013: [403, 'Missing Permissions'],
  50035: [400, 'Invalid Form Body'],
};

export async function readBody(req: IncomingMessage): Promise<{ body: any; files: RecordedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: undefined, files: [] };
  if (!type.startsWith('multipart/form-data')) return { body: JSON.parse(raw.toString('utf8')), files: [] };
  const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
  const files: RecordedFile[] = [];
  let body: any;
  for (const [field, value] of form.entries()) {
    if (field === 'payload_json' && typeof value === 'string') body = JSON.parse(value);
    else if (typeof value !== 'string') files.push({ field, name: value.name, contentType: value.type, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  return { body, files };
}

/** A message the fake holds: posted to a channel, or the answer to an interaction. */
export interface FakeMessage {
  id: string;
  channelId: string;
  /** The message JSON as last sent or edited: embeds, components, flags. */
  body: any;
  files: RecordedFile[];
  /** An ephemeral message: only this user sees it (and can press its buttons). */
  ephemeralFor?: string;
}

/** The message object Discord returns for a post or edit, and puts in a component interaction. */
export function messageJson(message: FakeMessage, bot: { id: string; username: string }) {
  const { body, files } = message;
  return {
    id: message.id,
    type: 20,
    channel_id: message.channelId,
    author: { id: bot.id, username: bot.username, discriminator: '0', avatar: null, bot: true },
    content: body?.content ?? '',
    embeds: body?.embeds ?? [],
    attachments: files.map((f, i) => ({ id: snowflake(), filename: f.name, size: f.bytes.length, url: `https://cdn.fake/${i}/${f.name}`, proxy_url: '', content_type: f.contentType })),
    components: body?.components ?? [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    flags: body?.flags ?? 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
  };
}

/** The messages the fake holds, by id. */
export class FakeMessages {
  readonly #messages = new Map<string, FakeMessage>();

  get(id: string | undefined): FakeMessage | undefined {
    return id ? this.#messages.get(id) : undefined;
  }

  delete(id: string | undefined): void {
    if (id) this.#messages.delete(id);
  }

  /** Keeps a new message; an ephemeral one (flags 64) only for `userId`. */
  keep(channelId: string, body: any, files: RecordedFile[], userId?: string): FakeMessage {
    const ephemeral = userId !== undefined && ((body?.flags ?? 0) & 64) !== 0;
    const message: FakeMessage = { id: snowflake(), channelId, body: body ?? {}, files, ...(ephemeral ? { ephemeralFor: userId } : {}) };
    this.#messages.set(message.id, message);
    return message;
  }

  /** Applies an edit: the fields sent replace the message's, the others (and its visibility) stay. */
  edit(id: string | undefined, body: any, files: RecordedFile[]): FakeMessage | undefined {
    const message = this.get(id);
    if (!message) return undefined;
    message.body = { ...message.body, ...body, flags: message.body.flags };
    if (files.length) message.files = files;
    return message;
  }
}

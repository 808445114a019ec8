// The contract every chat platform fulfils, and the registry built from a list of them. An adapter file
// (`src/platforms/<name>/adapter.ts`) holds only what can be known without the platform's library: its
// name and label, the syntax of its channels and mentions, where roles come from, its settings. Its
// library is loaded by `load()`, and only for a configured platform: loading one has process-wide side
// effects (its HTTP stack) that a process without it should not carry.
import type { z } from 'zod';
import type { CommandRuntime } from '../commands/dispatch.js';
import type { Actor } from '../domain/types.js';
import type { MunicipalityIndex } from '../domain/municipalities.js';
import type { HttpServer } from '../http/server.js';
import type { Lang } from '../i18n/index.js';
import type { Part, ProcessRole } from '../lifecycle.js';
import type { Logger } from '../logger.js';
import type { SharedState } from '../shared-state.js';
import type { MentionKind } from '../render/mention.js';
import type { Db } from '../store/db.js';
import type { Poster } from './poster.js';
import { assertPlatformName } from './registry.js';

export type SubjectKind = 'user' | 'group';

/** One way a role's subject is written in chat: a regex source without anchors whose group 1 is the id. */
export interface SubjectForm {
  kind: SubjectKind;
  source: string;
}

/** What the pure layers need of a platform: names and patterns, no I/O. */
export interface PlatformSyntax {
  /** The prefix of its addresses, `slack` in `slack:C0123`: lower-case letters. */
  readonly name: string;
  /** How a person names it: `Slack`. */
  readonly label: string;
  /** A channel id that may be typed after `name:` (a Field Lab team channel); absent: none can be typed. */
  readonly channelId?: RegExp;
  /** A channel mention as pasted from the platform, group 1 the channel id (`<#C0123|naam>`). */
  readonly channelMention?: RegExp;
  /** Role sources: how a user or a group (Slack user group, Discord role) is written; empty: no roles. */
  readonly subjects: readonly SubjectForm[];
  /** The platform's own mention syntax for a user, a channel or a group; absent: mentions are written as readable ids. */
  nativeMention?(kind: MentionKind, id: string): string;
}

/** What the root hands a platform when it opens it: its own settings and the finished collaborators. */
export interface OpenContext<Settings> {
  settings: Settings;
  /** The migrated database (a poster reads which groups hold roles, for a channel's audience). */
  db: Db;
  lang: Lang;
  logger: Logger;
  dataDir: string;
  /** With REDIS_URL in the web role: state every process shares. */
  shared?: SharedState;
  /** Where the console reads and writes (stdin/stdout unless a test passes its own). */
  terminal: Terminal;
}

export interface Terminal {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Who types at the console (`--as`); undefined: the console's configured role. */
  actor?: (municipalities: MunicipalityIndex) => Actor;
}

/** What the inbound part gets: the finished runtime commands run in, and the web role's server. */
export interface InboundContext {
  runtime: CommandRuntime;
  http?: HttpServer;
  /** Adds a line to what `ote start` prints about what runs (`Slack: Socket Mode`). */
  announce(line: string): void;
}

/** An opened platform: its poster (every role posts), and its inbound part when the process receives. */
export interface PlatformInstance {
  poster: Poster;
  inbound?(context: InboundContext): Part;
}

export interface PlatformModule<Settings> {
  open(context: OpenContext<Settings>): PlatformInstance;
}

export interface PlatformAdapter<Shape extends z.ZodRawShape = z.ZodRawShape> extends PlatformSyntax {
  /** Its settings in the environment (`SLACK_*`), composed into the config schema. */
  readonly config: z.ZodObject<Shape>;
  /** The process role that receives from it: `web` for chat platforms, `console` for the console. */
  readonly inboundRole: ProcessRole;
  /** Whether its settings say it is in use; only then is `load()` called. */
  configured(settings: z.output<z.ZodObject<Shape>>): boolean;
  /** The values among its settings that must never appear in a log line or a message. */
  secrets(settings: z.output<z.ZodObject<Shape>>): readonly (string | undefined)[];
  load(): Promise<PlatformModule<z.output<z.ZodObject<Shape>>>>;
}

/** Keeps the settings type of one adapter checked; the registry holds adapters of any settings. */
export function definePlatform<const Name extends string, Shape extends z.ZodRawShape>(
  adapter: PlatformAdapter<Shape> & { name: Name },
): PlatformAdapter<Shape> & { readonly name: Name } {
  assertPlatformName(adapter.name);
  return adapter;
}

// Settings differ per adapter; each adapter's own functions stay typed through definePlatform.
export type AnyPlatformAdapter = PlatformAdapter<any>;

/** An adapter's own settings out of the whole configuration. */
export function settingsOf<Shape extends z.ZodRawShape>(adapter: PlatformAdapter<Shape>, config: object): z.output<z.ZodObject<Shape>> {
  const all = config as Record<string, unknown>;
  return Object.fromEntries(Object.keys(adapter.config.shape).map((key) => [key, all[key]])) as z.output<z.ZodObject<Shape>>;
}

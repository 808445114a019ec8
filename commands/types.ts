// What a subcommand is: its options, who may run it, and a handler that returns a platform-neutral Reply.
import type { z } from 'zod';
import type { DetailScope } from '../src/domain/policy.js';
import { ROLES, type Actor, type Role } from '../src/domain/types.js';
import type { MunicipalityIndex } from '../src/domain/municipalities.js';
import type { Lang, MessageKey, Translate } from '../src/i18n/index.js';
import type { PlatformName, Poster } from '../src/platforms/poster.js';
import type { Reply } from '../src/render/reply.js';
import type { Db } from '../src/store/db.js';

/**
 * How an option is recognised in typed text and offered natively on Discord:
 * - `municipality`: free words (several allowed), resolved against the 342 municipalities
 * - `period`: one token such as `2024`, `2025-Q1`, `7d`, `2025-01-01..2025-03-31`
 * - `count`: a whole number from 1 to `max`
 * - `year`: four digits, e.g. `2025`
 * - `time`: a time of day, `08:00` or `8.30` (recognised by its shape, checked by the handler)
 * - `text`: the remaining words
 * - `choice`: one of `choices`
 * A bare CBS code (`0599`, `GM0599`) is read as the municipality where there is one.
 */
export type OptionKind = 'municipality' | 'period' | 'count' | 'year' | 'time' | 'text' | 'choice';

export interface OptionSpec {
  name: string;
  kind: OptionKind;
  required: boolean;
  description: MessageKey;
  choices?: readonly string[];
  /** Recognises this option's token in typed text by its shape, e.g. the days of `/ote abonneer`. */
  pattern?: RegExp;
  /** For `count`: the largest accepted. */
  max?: number;
  /** What is accepted, named in a refusal; by default the kind's own (`accepts.<kind>`). */
  accepts?: MessageKey;
}

/** Raw option values as typed or as sent by a platform, before zod parses them. */
export type RawOptions = Record<string, string | undefined>;

export interface CommandContext {
  actor: Actor;
  /** `platform:channel`, e.g. `slack:C0123`, `console:local`. */
  channel: string;
  lang: Lang;
  t: Translate;
  /** The moment the command is answered for (`ote say --at` moves it). */
  now: Date;
  db: Db;
  municipalities: MunicipalityIndex;
  /** True when the user asked to share the reply in the channel (`publiek`). */
  shareInChannel: boolean;
  // Who sees what: the incident detail this reply may show, decided by src/domain/policy.ts for
  // the actor, or with `publiek` for the channel's least-entitled member. Commands that show detail ask it.
  scope: DetailScope;
  /** Optional collaborators that later parts provide (queue, posters); absent in a bare console. */
  services: Partial<CommandServices>;
}

/** Filled in by the composition root as parts land (digest, Field Lab). */
export interface CommandServices {
  enqueue: (jobName: string, data: unknown, options?: { jobId?: string; delayMs?: number }) => Promise<void>;
  /** `STALE_AFTER_DAYS`: days without new coverage after which a digest says the register is behind. */
  staleAfterDays: number;
  /** `REPEAT_WINDOW_DAYS`: days before an attack in which another in its area makes it a repeat. */
  repeatWindowDays: number;
  /** The outbound posters of this process, e.g. for `/ote abonneer` to check the bot can post. */
  posters: Partial<Record<PlatformName, Poster>>;
}

export interface CommandDefinition<Schema extends z.ZodType = z.ZodType> {
  /** The subcommand, e.g. `stats`. Dutch, lower case. */
  name: string;
  aliases?: readonly string[];
  summary: MessageKey;
  /** Usage line shown in help, e.g. `/ote stats [gemeente] [periode]`. */
  usage: string;
  /** Who may run it. */
  roles: readonly Role[];
  /**
   * Lets an actor run it whatever their role, e.g. a channel admin for the channel's own subscription; the
   * dispatcher and help consult it next to `roles` (see `mayRun`). The handler must itself keep such an
   * actor to what the hook is for.
   */
  allows?: (actor: Actor) => boolean;
  /** Who `allows` lets in, named in a refusal next to the roles, e.g. `access.channelAdmin`. */
  allowsWho?: MessageKey;
  options: readonly OptionSpec[];
  /** Parses RawOptions into typed options; messages must be Dutch message keys or Dutch text. */
  schema: Schema;
  run(options: z.infer<Schema>, ctx: CommandContext): Promise<Reply>;
  /**
   * True when the reply depends only on the options, the asker's role and scope, the language, the minute
   * and the figures tables (incidents, arrests, targets, published totals): it may then be served from
   * the reply cache. Never for commands that write, audit a look, or read other tables.
   */
  cacheable?: boolean;
  /** True when the reply shows figures or incidents from the register: it then says so when that is demo data. */
  figures?: boolean;
}

/** True when the actor may run the command: by role, or by the command's own `allows`. */
export function mayRun(command: Pick<CommandDefinition, 'roles' | 'allows'>, actor: Actor): boolean {
  return command.roles.includes(actor.role) || command.allows?.(actor) === true;
}

/** For `allows`: a channel admin, acting on the channel the command came from. */
export const isChannelAdmin = (actor: Actor): boolean => actor.channelAdmin === true;

export const ALL_ROLES: readonly Role[] = ROLES;

/** Helps TypeScript infer the option type from the schema. */
export function defineCommand<Schema extends z.ZodType>(definition: CommandDefinition<Schema>): CommandDefinition<Schema> {
  return definition;
}

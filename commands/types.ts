// What a subcommand is: its options, who may run it, its actions, and a handler that returns a platform-neutral Reply.
import type { z } from 'zod';
import type { DetailScope } from '../src/domain/policy.js';
import type { ActorPrecondition, PreconditionName, Team } from '../src/commands/preconditions.js';
import type { CommandRegistry } from '../src/commands/registry.js';
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

/** An option as a command declares it; whether it is required comes from the schema (`defineCommand`). */
export interface OptionDeclaration<Name extends string = string> {
  name: Name;
  kind: OptionKind;
  description: MessageKey;
  choices?: readonly string[];
  /** Recognises this option's token in typed text by its shape, e.g. the days of `/ote abonneer`. */
  pattern?: RegExp;
  /** For `count`: the largest accepted. */
  max?: number;
  /** What is accepted, named in a refusal; by default the kind's own (`accepts.<kind>`). */
  accepts?: MessageKey;
}

/** An option as the grammar, Discord and refusals see it: required exactly when its schema refuses a missing value. */
export interface OptionSpec extends OptionDeclaration {
  required: boolean;
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
  /** The commands this dispatch runs over, e.g. for help. */
  commands: CommandRegistry;
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

/** What a command or an action needs besides its options: who runs it, and the dispatcher's helpers. */
interface Runnable<Schema extends z.ZodObject> {
  summary: MessageKey;
  /** Usage line shown in help and refusals, e.g. `/ote stats [gemeente] [periode]`. */
  usage: string;
  options: readonly OptionSpec[];
  /** Parses RawOptions into typed options; the dispatcher names a refused option itself (never zod's words). */
  schema: Schema;
  run(options: z.infer<Schema>, ctx: CommandContext): Promise<Reply>;
}

/**
 * One action of a command, e.g. `interventie nieuw`: its own options and schema, and the named
 * preconditions (src/commands/preconditions.ts) the dispatcher checks after parsing and before `run`.
 */
export interface ActionDefinition<Schema extends z.ZodObject = z.ZodObject> extends Runnable<Schema> {
  /** The word after the command, e.g. `nieuw`. Dutch, lower case. */
  name: string;
  aliases?: readonly string[];
  /** Who may run it: any one suffices. Without, whoever may run the command. */
  preconditions?: readonly PreconditionName[];
  /** For `teamVan`: whether the actor belongs to the team of what the options name, and who that team is. */
  team?(options: z.infer<Schema>, ctx: CommandContext): Promise<Team>;
}

export interface CommandDefinition<Schema extends z.ZodObject = z.ZodObject> extends Runnable<Schema> {
  /** The subcommand, e.g. `stats`. Dutch, lower case. */
  name: string;
  aliases?: readonly string[];
  /** Who may run it by role. */
  roles: readonly Role[];
  /**
   * Lets an actor in whatever their role, e.g. `kanaalbeheerder` for a channel's own subscription; the
   * dispatcher and help consult them next to `roles`. The handler must itself keep such an actor to what
   * the precondition is for.
   */
  preconditions?: readonly ActorPrecondition[];
  /** Actions after the command's name (`/ote interventie nieuw …`); without one, the command's own options. */
  actions?: readonly ActionDefinition[];
  /**
   * The words for the command's own form among its actions, where a platform needs one (Discord's
   * `/ote interventie toon`) or a user types one; `toon`/`show` by default.
   */
  own?: { name: string; aliases?: readonly string[] };
  /**
   * True when input that starts with an action word is meant for the command itself, e.g. an intervention
   * named `Stop de knal`; gets the input parsed as the command's own options.
   */
  keepsActionWord?(options: z.infer<Schema>, ctx: CommandContext): Promise<boolean>;
  /**
   * True when the reply depends only on the options, the asker's role and scope, the language, the minute
   * and the figures tables (incidents, arrests, targets, published totals, coverage): it may then be served
   * from the reply cache. Never for commands that write, audit a look, or read other tables.
   */
  cacheable?: boolean;
  /** True when the reply shows figures or incidents from the register: it then says so when that is demo data. */
  figures?: boolean;
}

export const ALL_ROLES: readonly Role[] = ROLES;

/** The option names a schema has. */
type OptionNames<Schema extends z.ZodObject> = Extract<keyof z.input<Schema>, string>;

type Declared<D extends { options: readonly OptionSpec[]; schema: z.ZodObject }> = Omit<D, 'options'> & {
  options: readonly OptionDeclaration<OptionNames<D['schema']>>[];
};

/**
 * An option is required exactly when its schema refuses a missing value, so the option list (Discord's
 * required flags, the grammar) and the schema cannot disagree. Every option must be in the schema and every
 * key of the schema must be an option; a mismatch fails at load time.
 */
function optionSpecs(where: string, schema: z.ZodObject, declared: readonly OptionDeclaration[]): OptionSpec[] {
  const shape = schema.shape as Record<string, z.ZodType>;
  const names = declared.map((o) => o.name);
  const missing = Object.keys(shape).filter((key) => !names.includes(key));
  const extra = names.filter((name) => !(name in shape));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`${where}: options and schema differ (${[...missing.map((m) => `no option for ${m}`), ...extra.map((e) => `${e} not in the schema`)].join(', ')})`);
  }
  return declared.map((o) => ({ ...o, required: !shape[o.name]!.safeParse(undefined).success }));
}

/** Helps TypeScript infer the option type from the schema, and derives each option's `required` from it. */
export function defineCommand<Schema extends z.ZodObject>(definition: Declared<CommandDefinition<Schema>>): CommandDefinition<Schema> {
  return { ...definition, options: optionSpecs(`/ote ${definition.name}`, definition.schema, definition.options) } as CommandDefinition<Schema>;
}

export function defineAction<Schema extends z.ZodObject>(definition: Declared<ActionDefinition<Schema>>): ActionDefinition<Schema> {
  return { ...definition, options: optionSpecs(`action ${definition.name}`, definition.schema, definition.options) } as ActionDefinition<Schema>;
}

/**
 * `read` at most once per command run and text: an action's `team` hook and its handler name the same
 * target (an intervention, a measure), which is then looked up once.
 */
export function oncePerRun<T>(read: (text: string, ctx: CommandContext) => Promise<T>): (text: string, ctx: CommandContext) => Promise<T> {
  const runs = new WeakMap<CommandContext, Map<string, Promise<T>>>();
  return (text, ctx) => {
    const seen = runs.get(ctx) ?? new Map<string, Promise<T>>();
    runs.set(ctx, seen);
    const found = seen.get(text);
    if (found) return found;
    const result = read(text, ctx);
    seen.set(text, result);
    return result;
  };
}

// Discord once its library is loaded: a poster for digests and reminders that needs only the REST API (so a
// worker can post without holding a gateway session), and the gateway client answering `/ote`.
import { once } from 'node:events';
import { Events, REST, type Client, type Interaction } from 'discord.js';
import type { CommandRuntime } from '../../commands/dispatch.js';
import { translate } from '../../i18n/index.js';
import { resolveActor, seedAdmins } from '../../store/roles.js';
import type { Part } from '../../lifecycle.js';
import type { PlatformModule } from '../adapter.js';
import type { Poster } from '../poster.js';
import type { DiscordSettings } from './adapter.js';
import { createGatewayClient, listen } from './gateway.js';
import { discordDispatcher } from './http-agent.js';
import { createDiscordPoster } from './poster.js';
import { watchMembership, withDiscordMembers } from './members.js';

export interface DiscordPartOptions {
  token: string;
  apiUrl?: string;
  /** Users who get the programme-office role on first start (DISCORD_ADMIN_USER_IDS). */
  adminUserIds?: readonly string[];
  runtime: CommandRuntime;
  /** False: only the poster (a worker process); true: also the gateway client answering `/ote` (web role). */
  inbound: boolean;
  /** Called with `Discord: verbonden als …` once connected. */
  announce?: (line: string) => void;
  /** Discord wants a first answer within 3 seconds; slower commands are deferred after this. */
  deferAfterMs?: number;
  now?: () => Date;
}

export interface DiscordPart {
  poster: Poster;
  /** The gateway connection, when `inbound`. */
  part?: Part & { client: Client };
}

export const DEFAULT_DEFER_AFTER_MS = 1500;

export function createDiscordRest(token: string, apiUrl?: string): REST {
  return new REST({ ...(apiUrl ? { api: apiUrl } : {}), agent: discordDispatcher() }).setToken(token);
}

/** Discord for the composition root: the REST poster at once, the gateway once the runtime is finished. */
export const discordModule: PlatformModule<DiscordSettings> = {
  open({ settings, lang }) {
    const token = settings.DISCORD_TOKEN!;
    const rest = createDiscordRest(token, settings.DISCORD_API_URL);
    return {
      poster: withDiscordMembers(createDiscordPoster(rest, lang), rest), // audiences: who reads a channel
      inbound: ({ runtime, announce }) =>
        gatewayPart({ token, ...(settings.DISCORD_API_URL ? { apiUrl: settings.DISCORD_API_URL } : {}), adminUserIds: settings.DISCORD_ADMIN_USER_IDS, runtime, announce }),
    };
  },
};

export function createDiscordPart(options: DiscordPartOptions): DiscordPart {
  const rest = createDiscordRest(options.token, options.apiUrl);
  const poster = withDiscordMembers(createDiscordPoster(rest, options.runtime.defaultLang), rest); // audiences: who reads a channel
  return { poster, ...(options.inbound ? { part: gatewayPart(options) } : {}) };
}

function gatewayPart(options: Omit<DiscordPartOptions, 'inbound'>): Part & { client: Client } {
  const { runtime } = options;
  const client = createGatewayClient({ token: options.token, ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}) });
  let listener: ((interaction: Interaction) => void) | undefined;
  return {
    name: 'discord',
    client,
    async start() {
      await seedAdmins(runtime.db, 'discord', options.adminUserIds ?? []);
      listener = listen(client, {
        rest: client.rest,
        runtime,
        resolveActor: async (member) => {
          const actor = await resolveActor(runtime.db, { platform: 'discord', userId: member.userId, groupIds: member.roleIds });
          return member.channelAdmin ? { ...actor, channelAdmin: true } : actor;
        },
        deferAfterMs: options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS,
        ...(options.now ? { now: options.now } : {}),
      });
      watchMembership(client); // audiences: overwrites or roles changed
      client.on(Events.Error, (error) => runtime.logger.error({ err: error }, 'discord client error'));
      try {
        await Promise.all([once(client, Events.ClientReady), client.login(options.token)]);
      } catch (error) {
        await client.destroy();
        const detail = error instanceof Error ? error.message : String(error);
        throw new Error(translate(runtime.defaultLang, 'discord.loginFailed', { detail }), { cause: error });
      }
      runtime.logger.info({ user: client.user?.tag }, 'discord connected');
      options.announce?.(translate(runtime.defaultLang, 'discord.connectedAs', { tag: client.user?.tag ?? '?' }));
    },
    async stop() {
      if (listener) client.off(Events.InteractionCreate, listener);
      await client.destroy();
    },
  };
}

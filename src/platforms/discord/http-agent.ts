// discord.js sends every REST request through undici's request(), which uses the process-wide dispatcher
// unless it is given one. That slot (a well-known symbol on globalThis) is shared by every copy of undici in
// the process, and whichever copy loads first fills it: Slack's socket mode brings a newer undici major,
// whose Agent discord.js's undici cannot drive (multipart uploads fail with "action is not a function").
// So Discord's REST gets a dispatcher of its own, built by the very undici copy @discordjs/rest loads,
// whatever is in the global slot and in whatever order the libraries load.
import { createRequire } from 'node:module';
import type { RESTOptions } from 'discord.js';

type Dispatcher = NonNullable<RESTOptions['agent']>;

const fromDiscordJs = createRequire(createRequire(import.meta.url).resolve('discord.js'));
const fromRest = createRequire(fromDiscordJs.resolve('@discordjs/rest'));
const { Agent } = fromRest('undici') as { Agent: new () => Dispatcher };

let shared: Dispatcher | undefined;

/** One keep-alive pool for every Discord REST client of this process. */
export function discordDispatcher(): Dispatcher {
  return (shared ??= new Agent());
}

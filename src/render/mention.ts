// People and channels in reply text. A reply carries a mention as a neutral token, never a platform's
// syntax; each renderer turns it into what its platform shows as a name (Slack `<@U…>` / `<#C…>`, Discord
// `<@id>` / `<#id>` with no mention allowed to ping) or, where that cannot render (a console, a code block, a
// mention of another platform's user), into a readable id.
import type { PlatformSyntax } from '../platforms/adapter.js';
import { platforms, type PlatformName } from '../platforms/index.js';

/** `group`: a Slack user group or a Discord role. */
export type MentionKind = 'user' | 'channel' | 'group';

export interface Mention {
  kind: MentionKind;
  /** A platform's name (`slack`), or `api`. */
  platform: PlatformName | 'api';
  id: string;
}

// Private-use characters: nothing a user types, and nothing a platform renders, contains them.
const START = '\uE000';
const END = '\uE001';
const TOKEN = /\uE000(user|channel|group):([a-z]+):([^\uE000\uE001\s]+)\uE001/g;

/** A mention of `platform:id` (`slack:U0123`, `discord:1234…`), for reply text. */
export function mention(kind: MentionKind, address: string): string {
  const match = /^([a-z]+):(\S+)$/.exec(address);
  if (!match) return address;
  return `${START}${kind}:${match[1]}:${match[2]}${END}`;
}

export const userMention = (address: string): string => mention('user', address);
export const channelMention = (address: string): string => mention('channel', address);
export const groupMention = (address: string): string => mention('group', address);

/** Whether `text` holds a mention. */
export function hasMention(text: string): boolean {
  return text.includes(START);
}

/** Replaces every mention in `text` with what `render` makes of it. */
export function renderMentions(text: string, render: (mention: Mention) => string): string {
  if (!hasMention(text)) return text;
  return text.replace(TOKEN, (_whole, kind: MentionKind, platform: string, id: string) => render({ kind, platform, id }));
}

/** `@U0123 (Slack)`, `#C0123 (Slack)`: where a platform mention cannot render. */
export function readableMention(m: Mention): string {
  return `${m.kind === 'channel' ? '#' : '@'}${m.id} (${m.platform === 'api' ? 'API' : platforms.label(m.platform)})`;
}

/** Every mention as a readable id: for plain text (console, headers, code blocks, footers). */
export function plainMentions(text: string): string {
  return renderMentions(text, readableMention);
}

/** The platform's own syntax for its users, channels and groups (except `readable` kinds), a readable id for the others. */
export function nativeMentions(text: string, platform: Pick<PlatformSyntax, 'name' | 'nativeMention'>, readable: readonly MentionKind[] = []): string {
  return renderMentions(text, (m) =>
    m.platform === platform.name && platform.nativeMention && !readable.includes(m.kind) ? platform.nativeMention(m.kind, m.id) : readableMention(m),
  );
}

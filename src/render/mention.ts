// People and channels in reply text. A reply carries a mention as a neutral token, never a platform's
// syntax; each renderer turns it into what its platform shows as a name (Slack `<@U…>` / `<#C…>`, Discord
// `<@id>` / `<#id>` with no mention allowed to ping) or, where that cannot render (a console, a code block, a
// mention of another platform's user), into a readable id.
/** `group`: a Slack user group or a Discord role. */
export type MentionKind = 'user' | 'channel' | 'group';

export interface Mention {
  kind: MentionKind;
  /** `slack`, `discord`, `console`, `api`. */
  platform: string;
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
  return text.replace(TOKEN, (_whole, kind: MentionKind, platform: string, id: string) => render({ kind, platform, id }));
}

const PLATFORM_NAMES: Record<string, string> = { slack: 'Slack', discord: 'Discord', console: 'console', api: 'API' };

/** `@U0123 (Slack)`, `#C0123 (Slack)`: where a platform mention cannot render. */
export function readableMention(m: Mention): string {
  return `${m.kind === 'channel' ? '#' : '@'}${m.id} (${PLATFORM_NAMES[m.platform] ?? m.platform})`;
}

/** What each platform shows as a name: Slack `<@U…>` `<#C…>` `<!subteam^S…>`, Discord `<@…>` `<#…>` `<@&…>`. */
const NATIVE: Record<'slack' | 'discord', Record<MentionKind, (id: string) => string>> = {
  slack: { user: (id) => `<@${id}>`, channel: (id) => `<#${id}>`, group: (id) => `<!subteam^${id}>` },
  discord: { user: (id) => `<@${id}>`, channel: (id) => `<#${id}>`, group: (id) => `<@&${id}>` },
};

/** Every mention as a readable id: for plain text (console, headers, code blocks, footers). */
export function plainMentions(text: string): string {
  return renderMentions(text, readableMention);
}

/** The platform's own mentions for its users, channels and groups (except `readable` kinds), a readable id for the others. */
export function nativeMentions(text: string, platform: 'slack' | 'discord', readable: readonly MentionKind[] = []): string {
  return renderMentions(text, (m) => (m.platform === platform && !readable.includes(m.kind) ? NATIVE[platform][m.kind](m.id) : readableMention(m)));
}

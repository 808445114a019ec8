// What follows from a list of platform adapters: their names, the `platform:channel` form, role subjects
// and team channels as typed in chat, labels and native mentions. Pure: built from the adapters' syntax,
// so the domain, the config schema and the store can use it without loading a platform library.
import { subjectParser, type SubjectParser } from '../domain/role-subject.js';
import type { AnyPlatformAdapter, PlatformSyntax } from './adapter.js';

export type { PlatformName } from './index.js';

/** Which platforms exist is the registry's to say; what is written to the store must at least look like a name. */
export function assertPlatformName(name: string): void {
  if (!/^[a-z]+$/.test(name)) throw new Error(`not a platform name: ${JSON.stringify(name)}`);
}

/**
 * `slack:C0123` → { platform: 'slack', channelId: 'C0123' }. Any platform's form: whether it can be posted
 * to is whether the process has a poster for it.
 */
export function parseChannelAddress(address: string): { platform: string; channelId: string } | undefined {
  const match = /^([a-z]+):(\S+)$/.exec(address);
  return match ? { platform: match[1]!, channelId: match[2]! } : undefined;
}

/** A channel as the store keeps it: `platform:channel`. */
export function assertChannelAddress(address: string): void {
  if (!parseChannelAddress(address)) throw new Error(`not a channel address: ${JSON.stringify(address)}`);
}

export interface PlatformRegistry {
  readonly adapters: readonly AnyPlatformAdapter[];
  readonly names: readonly string[];
  get(name: string): AnyPlatformAdapter | undefined;
  /** `Slack`; an unknown name as it is. */
  label(name: string): string;
  /** `slack:C0123` for a registered platform: the whole address, anchored. */
  readonly addressPattern: RegExp;
  /** A role's subject as typed: mentions and bare ids of every platform with role sources. */
  readonly subjects: SubjectParser;
  /**
   * A team channel as people give it: `slack:C0123ABCD`, `discord:1234…`, or pasted as a channel mention
   * (`<#C0123ABCD|naam>`, `<#1234…>`); undefined when it is none of these.
   */
  normalizeChannel(text: string): string | undefined;
}

export function createPlatformRegistry(adapters: readonly AnyPlatformAdapter[]): PlatformRegistry {
  const byName = new Map(adapters.map((adapter) => [adapter.name, adapter]));
  if (byName.size !== adapters.length) throw new Error('two platforms with one name');
  const names = adapters.map((adapter) => adapter.name);
  const addressPattern = new RegExp(`^(${names.join('|')}):(\\S+)$`);
  return {
    adapters,
    names,
    get: (name) => byName.get(name),
    label: (name) => byName.get(name)?.label ?? name,
    addressPattern,
    subjects: subjectParser(adapters.flatMap((adapter) => adapter.subjects.map((form) => ({ ...form, platform: adapter.name })))),
    normalizeChannel: (text) => normalizeChannel(text, adapters),
  };
}

function normalizeChannel(text: string, platforms: readonly PlatformSyntax[]): string | undefined {
  const trimmed = text.trim();
  for (const platform of platforms) {
    const id = platform.channelMention?.exec(trimmed)?.[1];
    if (id !== undefined && platform.channelId?.test(id)) return `${platform.name}:${id}`;
  }
  const typed = /^([a-z]+):(\S+)$/i.exec(trimmed);
  const platform = typed ? platforms.find((p) => p.name === typed[1]!.toLowerCase()) : undefined;
  return platform?.channelId?.test(typed![2]!) ? `${platform.name}:${typed![2]}` : undefined;
}


// Opens every configured platform of a registry: its library is loaded now, and only for it.
import type { Config } from '../config.js';
import { settingsOf, type AnyPlatformAdapter, type OpenContext, type PlatformInstance } from './adapter.js';
import type { PlatformName, Poster } from './poster.js';
import type { PlatformRegistry } from './registry.js';

export interface OpenedPlatform {
  adapter: AnyPlatformAdapter;
  instance: PlatformInstance;
}

export async function openPlatforms(registry: PlatformRegistry, config: Config, context: Omit<OpenContext<unknown>, 'settings'>): Promise<OpenedPlatform[]> {
  const opened: OpenedPlatform[] = [];
  for (const adapter of registry.adapters) {
    const settings = settingsOf(adapter, config);
    if (!adapter.configured(settings)) continue;
    const module = await adapter.load();
    opened.push({ adapter, instance: module.open({ ...context, settings }) });
  }
  return opened;
}

/** The posters of the opened platforms by name: what digests, reminders and notices post through. */
export function postersOf(opened: readonly OpenedPlatform[]): Partial<Record<PlatformName, Poster>> {
  return Object.fromEntries(opened.map(({ adapter, instance }) => [adapter.name, instance.poster]));
}

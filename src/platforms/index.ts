// The explicit registry of chat platforms: one folder each (src/platforms/<name>/adapter.ts and what its
// `load()` brings), one entry here. Names, the config schema, the `platform:channel` form, role subjects
// and team channels follow from this list; importing it loads no platform library.
import { consolePlatform } from './console/adapter.js';
import { discord } from './discord/adapter.js';
import { createPlatformRegistry } from './registry.js';
import { slack } from './slack/adapter.js';

const builtIn = [slack, discord, consolePlatform] as const;

export const platforms = createPlatformRegistry(builtIn);

/**
 * A platform's name: one of the registry's (`slack`, `discord`, `console`), or one a registry passed to
 * createApp adds (a test's own platform).
 */
export type PlatformName = (typeof builtIn)[number]['name'] | (string & {});

/** The settings of every registered platform, as the config schema parses them. */
export type PlatformSettings = UnionToIntersection<ReturnType<(typeof builtIn)[number]['config']['parse']>>;

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

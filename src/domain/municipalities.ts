// Placeholder contract; implemented by the municipality lookup work.
import type { Municipality } from './types.js';

export type ResolveResult =
  | { ok: true; municipality: Municipality }
  | { ok: false; suggestions: Municipality[] };

export interface MunicipalityIndex {
  all(): readonly Municipality[];
  byCode(code: string): Municipality | undefined;
  resolve(input: string): ResolveResult;
  suggest(query: string, limit: number): Municipality[];
}

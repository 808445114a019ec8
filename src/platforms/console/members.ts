// The console channel is read by the one person typing: its audience is the console's own role.
import type { Actor } from '../../domain/types.js';
import type { Poster } from '../poster.js';

export function withConsoleReader(poster: Poster, reader: () => Actor): Poster {
  return {
    ...poster,
    members: async () => {
      const { userId, role, municipalityCode } = reader();
      return [{ userId, role, ...(municipalityCode ? { municipalityCode } : {}) }];
    },
  };
}

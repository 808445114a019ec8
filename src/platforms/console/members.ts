// The console channel is read by the one person typing: its audience is the console's own role.
import type { Actor } from '../../domain/types.js';
import type { Poster } from '../poster.js';

export function withConsoleReader(poster: Poster, reader: Actor): Poster {
  const member = { userId: reader.userId, role: reader.role, ...(reader.municipalityCode ? { municipalityCode: reader.municipalityCode } : {}) };
  return { ...poster, members: async () => [member] };
}

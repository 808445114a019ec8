// Who runs the command line, for the audit trail: `cli:<os user>`.
import { userInfo } from 'node:os';
import type { AuditWho } from '../store/audit.js';

export function cliWho(): AuditWho {
  let name = 'onbekend';
  try {
    name = userInfo().username || name;
  } catch {
    // No user database entry (some containers): keep `onbekend`.
  }
  return { actor: `cli:${name}`, role: null, platform: 'cli' };
}

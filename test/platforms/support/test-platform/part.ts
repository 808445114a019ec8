// Testchat once "loaded": an in-memory chat. People say things in rooms (`say`), the inbound part runs them
// through the real dispatcher with the actor the store's roles give, and the poster keeps what it posts.
// Its renderer writes plain text within its limit of 300 characters, mentions in its own syntax.
import { runCommandText } from '../../../../src/commands/dispatch.js';
import type { Part } from '../../../../src/lifecycle.js';
import type { PlatformModule } from '../../../../src/platforms/adapter.js';
import type { Poster } from '../../../../src/platforms/poster.js';
import { nativeMentions } from '../../../../src/render/mention.js';
import type { Reply } from '../../../../src/render/reply.js';
import { resolveActor, seedAdmins } from '../../../../src/store/roles.js';
import { testchat, type TestchatSettings } from './adapter.js';

export const TESTCHAT_LIMIT = 300;

export function renderTestchat(reply: Reply): string {
  const lines = [reply.title, ...reply.blocks.flatMap((block) => ('text' in block && typeof block.text === 'string' ? [block.text] : []))];
  const text = nativeMentions(lines.join('\n'), testchat);
  return text.length > TESTCHAT_LIMIT ? `${text.slice(0, TESTCHAT_LIMIT - 1)}…` : text;
}

export interface TestchatServer {
  posted: { room: string; text: string }[];
  /** Set while the inbound part runs: what a person in a room gets back for a line. */
  say?: (who: { user: string; groups?: string[] }, room: string, text: string) => Promise<string>;
  started: number;
  stopped: number;
}

/** What the tests look at: one per process, as a real platform's servers would be. */
export const server: TestchatServer = { posted: [], started: 0, stopped: 0 };

export const testchatModule: PlatformModule<TestchatSettings> = {
  open({ settings }) {
    const poster: Poster = {
      platform: 'testchat',
      async post(room, reply) {
        server.posted.push({ room, text: renderTestchat(reply) });
        return { messageId: `m${server.posted.length}` };
      },
      async checkAccess(room) {
        return room.startsWith('room-') ? { kind: 'ok' } : { kind: 'not-found' };
      },
    };
    return {
      poster,
      inbound({ runtime, announce }): Part {
        announce('Testchat: in het geheugen');
        return {
          name: 'testchat',
          async start() {
            await seedAdmins(runtime.db, 'testchat', settings.TESTCHAT_ADMIN_USER_IDS);
            server.started += 1;
            server.say = async (who, room, text) => {
              const actor = await resolveActor(runtime.db, { platform: 'testchat', userId: who.user, groupIds: who.groups ?? [] });
              return renderTestchat(await runCommandText(text, { actor, channel: `testchat:${room}` }, runtime));
            };
          },
          async stop() {
            delete server.say;
            server.stopped += 1;
          },
        };
      },
    };
  },
};

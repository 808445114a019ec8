// A chat platform that exists only in the tests: "Testchat", with channels `room-…`, users `@name` and
// groups `@@name`. It is one folder and one line in a registry, as a real platform is; its "library" is
// part.ts, loaded only when TESTCHAT_TOKEN is set (`loads` counts how often).
import { z } from 'zod';
import { idList, optionalText } from '../../../../src/config-fields.js';
import { definePlatform, type PlatformModule } from '../../../../src/platforms/adapter.js';

const settings = z.object({
  TESTCHAT_TOKEN: optionalText,
  TESTCHAT_ADMIN_USER_IDS: idList,
});
export type TestchatSettings = z.output<typeof settings>;

export const loads = { count: 0 };

export const testchat = definePlatform({
  name: 'testchat',
  label: 'Testchat',
  channelId: /^room-[a-z0-9]+$/,
  channelMention: /^#(room-[a-z0-9]+)$/,
  subjects: [
    { kind: 'group', source: String.raw`@@([a-z][a-z0-9]{2,})` },
    { kind: 'user', source: String.raw`@([a-z][a-z0-9]{2,})` },
  ],
  nativeMention: (kind, id) => (kind === 'channel' ? `#${id}` : `@${id}`),
  config: settings,
  inboundRole: 'web',
  configured: (values) => Boolean(values.TESTCHAT_TOKEN),
  secrets: (values) => [values.TESTCHAT_TOKEN],
  load: async (): Promise<PlatformModule<TestchatSettings>> => {
    loads.count += 1;
    return (await import('./part.js')).testchatModule;
  },
});

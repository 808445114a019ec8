import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('needs nothing for the local demo and treats empty strings as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', REDIS_URL: '  ', PORT: '' });
    expect(config).toMatchObject({ DATA_DIR: './data', PORT: 3000, BOT_LANG: 'nl', CONSOLE_ROLE: 'programma' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('splits admin id lists', () => {
    expect(loadConfig({ SLACK_ADMIN_USER_IDS: 'U1, U2,,' }).SLACK_ADMIN_USER_IDS).toEqual(['U1', 'U2']);
  });

  it('names every bad setting in Dutch and never echoes a value', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'geen-url-met-geheim', PROGRAMME_CHANNEL: 'C123' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('Ongeldige configuratie');
      expect(message).toMatch(/- PORT:/);
      expect(message).toMatch(/- DATABASE_URL:/);
      expect(message).toContain('verwacht platform:kanaal');
      expect(message).not.toContain('geen-url-met-geheim');
    }
  });
});

// Redaction by value: registered secrets and secret-shaped tokens are hidden wherever they sit in a line.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactText, redactValues } from '../src/logger.js';

describe('redaction by value', () => {
  it('hides a registered secret in nested fields, messages and its encoded forms', () => {
    redactValues(['s3cr3t/pw+"x']);
    const lines: string[] = [];
    const logger = createLogger('trace', new Writable({ write: (chunk, _e, next) => (lines.push(String(chunk)), next()) }));
    const error = Object.assign(new Error('WRONGPASS'), { command: { name: 'auth', args: ['AUTH', 'default', 's3cr3t/pw+"x'] } });
    logger.warn({ err: error, url: `redis://default:${encodeURIComponent('s3cr3t/pw+"x')}@h:6379` }, 'failed with s3cr3t/pw+"x');
    const text = lines.join('');
    expect(text).toContain('WRONGPASS');
    expect(text).not.toContain('s3cr3t');
    expect(text).toContain('[verborgen]');
  });

  it('hides secret shapes nobody registered, and leaves ordinary text alone', () => {
    expect(redactText('Authorization: Bearer ote_abcdefghijklmnopqrstuvwxyz')).not.toContain('abcdefghij');
    expect(redactText('token xoxb-1234-5678-abcdef used')).toBe('token [verborgen] used');
    expect(redactText('postgres://ote:hunter22@db:5432/ote')).toBe('postgres://ote:[verborgen]@db:5432/ote');
    expect(redactText('http://127.0.0.1:3000/slack/events')).toBe('http://127.0.0.1:3000/slack/events');
    expect(redactText('refused without a valid bearer token')).toBe('refused without a valid bearer token');
    expect(redactText('a secret of five: abcde')).toBe('a secret of five: abcde');
  });
});

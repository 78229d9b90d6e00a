import { describe, expect, it } from 'vitest';
import type { Log, LogValue } from '../chat/ports.ts';
import { withoutEmailAddresses } from './logger.ts';

function recording(): { log: Log; lines: [string, string, Record<string, LogValue>[]][] } {
  const lines: [string, string, Record<string, LogValue>[]][] = [];
  const at =
    (level: string) =>
    (message: string, ...extra: Record<string, LogValue>[]) =>
      void lines.push([level, message, extra]);
  return { log: { info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

describe('the handlers log', () => {
  it('never holds an email address, not even one quoted in a service error, and keeps the rest', () => {
    const { log, lines } = recording();
    const ses = new Error(
      'Email address is not verified. The following identities failed the check in region EU-WEST-1: grace.hopper+chat@navy.example.org',
    );
    ses.name = 'MessageRejected';
    withoutEmailAddresses(log).error('email follow-up failed for ada@example.com', { roomId: 'room-1', error: ses, attempt: 2 });
    const [level, message, [fields]] = lines[0]!;
    expect(level).toBe('error');
    expect(message).toBe('email follow-up failed for [email]');
    expect(fields!.roomId).toBe('room-1');
    expect(fields!.attempt).toBe(2);
    const error = fields!.error as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('MessageRejected');
    expect(error.message).toBe('Email address is not verified. The following identities failed the check in region EU-WEST-1: [email]');
    expect(error.stack).toContain('logger.test.ts');
    expect(JSON.stringify(lines) + error.stack).not.toMatch(/hopper|ada@/);
  });

  it('leaves lines without an address as they are', () => {
    const { log, lines } = recording();
    withoutEmailAddresses(log).info('emailed unread replies', { roomId: 'abc', replies: 2 });
    expect(lines).toEqual([['info', 'emailed unread replies', [{ roomId: 'abc', replies: 2 }]]]);
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_SMS_LENGTH } from '../protocol/index.ts';
import { buildAlert } from './sns-alerts.ts';

const CONSOLE = 'https://d1234abcd.cloudfront.net/agent.html';
const ROOM = 'r'.repeat(43);

describe('buildAlert', () => {
  const parse = (alert: ReturnType<typeof buildAlert>) => JSON.parse(alert.Message) as Record<string, string>;

  it('makes one JSON-structured publish with default, email and sms variants', () => {
    const alert = buildAlert(
      { roomId: ROOM, visitorName: 'Priya', visitorEmail: 'priya@example.com', text: 'Do you offer invoices?', firstMessage: true },
      CONSOLE,
    );
    expect(alert.MessageStructure).toBe('json');
    expect(alert.Subject).toBe('New chat: Priya');
    const variants = parse(alert);
    expect(Object.keys(variants).sort()).toEqual(['default', 'email', 'sms']);
    expect(variants.email).toContain('priya@example.com');
    expect(variants.email).toContain('Do you offer invoices?');
    expect(variants.email).toContain(`${CONSOLE}#room=${ROOM}`);
    expect(variants.sms).toBe(`New chat from Priya: "Do you offer invoices?" ${CONSOLE}#room=${ROOM}`);
  });

  it('says "a visitor" when the name is unknown, and keeps the SMS within 160 characters', () => {
    const alert = buildAlert({ roomId: ROOM, text: 'long '.repeat(500), firstMessage: false }, CONSOLE);
    expect(alert.Subject).toBe('New chat: a visitor');
    const { sms } = parse(alert);
    expect([...sms!].length).toBeLessThanOrEqual(MAX_SMS_LENGTH);
    expect(sms).toContain(`#room=${ROOM}`);
    expect(sms).toContain('…');
  });

  it('keeps the subject to one line of at most 100 characters', () => {
    const alert = buildAlert({ roomId: ROOM, visitorName: `Ann\n${'x'.repeat(200)}`, text: 'hi', firstMessage: true }, CONSOLE);
    expect(alert.Subject).not.toMatch(/[\r\n]/);
    expect([...alert.Subject].length).toBeLessThanOrEqual(100);
  });

  it('counts emoji as one character each in the SMS budget', () => {
    const { sms } = parse(buildAlert({ roomId: ROOM, text: '🙂'.repeat(300), firstMessage: true }, CONSOLE));
    expect([...sms!].length).toBeLessThanOrEqual(MAX_SMS_LENGTH);
  });
});

import { describe, expect, it } from 'vitest';
import { toGsm7 } from '../chat/alert-texts.ts';
import { MAX_SMS_LENGTH } from '../protocol/index.ts';
import { buildAlert } from './sns-alerts.ts';

const CONSOLE = 'https://d1234abcd.cloudfront.net/agent.html';
/** GSM 03.38's default alphabet: one septet each (written out here, independently of the code under test). */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
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

  it('says "a visitor" when the name is unknown and that they are still waiting, and keeps the SMS within 160 characters', () => {
    const alert = buildAlert({ roomId: ROOM, text: 'long '.repeat(500), firstMessage: false }, CONSOLE);
    expect(alert.Subject).toBe('Still waiting: a visitor');
    const { sms, email } = parse(alert);
    expect(email).toContain('A visitor is still waiting for an answer.');
    expect(sms!.length).toBeLessThanOrEqual(MAX_SMS_LENGTH);
    expect(sms).toContain(`#room=${ROOM}`);
    expect(sms).toContain('...');
  });

  it('names the assignee when their conversation is escalated to the team', () => {
    const { Subject, Message } = buildAlert(
      { roomId: ROOM, visitorName: 'Priya', text: 'Hello?', firstMessage: false, assignee: 'Jane' },
      CONSOLE,
    );
    expect(Subject).toBe('Still waiting: Priya');
    const variants = JSON.parse(Message) as Record<string, string>;
    expect(variants.email).toContain('Priya is still waiting: Jane has not answered.');
    expect(variants.email).toContain('Assigned to: Jane');
  });

  it('sends every SMS as one GSM-7 part: emoji, accents, other scripts and long texts included', () => {
    const cases = [
      { visitorName: 'Zoë Łukasiewicz', text: 'Où est ma facture ? Ça ne marche pas 😡😡 — “urgent” … [ref #42] {x} ~5€' },
      { visitorName: '🙂'.repeat(40), text: '🙂'.repeat(300) },
      { visitorName: '王小明', text: 'Здравствуйте! 你好 ¿Qué tal? Grüße aus Köln, ščř ğ ı' },
      { visitorName: 'Ann', text: 'é'.repeat(1000) },
    ];
    for (const input of cases) {
      for (const firstMessage of [true, false]) {
        const { sms } = parse(buildAlert({ roomId: ROOM, ...input, firstMessage }, CONSOLE));
        expect(sms!.length, sms).toBeLessThanOrEqual(MAX_SMS_LENGTH);
        expect(
          [...sms!].every((char) => GSM7_BASIC.includes(char)),
          sms,
        ).toBe(true);
        expect(sms).toContain(`${CONSOLE}#room=${ROOM}`);
      }
    }
    // Letters the alphabet has stay (ù, Ç); others lose their accent (ë) or find a look-alike (Ł); so does punctuation; emoji go.
    expect(toGsm7(cases[0]!.visitorName)).toBe('Zoe Lukasiewicz');
    expect(toGsm7(cases[0]!.text)).toBe('Où est ma facture ? Ça ne marche pas  - "urgent" ... (ref #42) (x) -5EUR');
    expect(toGsm7('王小明 ščř')).toBe('??? scr');
  });

  it('keeps the subject to one line of at most 100 characters', () => {
    const alert = buildAlert({ roomId: ROOM, visitorName: `Ann\n${'x'.repeat(200)}`, text: 'hi', firstMessage: true }, CONSOLE);
    expect(alert.Subject).not.toMatch(/[\r\n]/);
    expect([...alert.Subject].length).toBeLessThanOrEqual(100);
  });
});

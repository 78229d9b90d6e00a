import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedMail } from '../local/ses.ts';
import { httpEvent } from './support/http-event.ts';
import { TestSocket, UpgradeRefused } from './support/test-socket.ts';
import { startTestStack, type TestStack } from './support/test-stack.ts';

describe('email follow-up of unread replies', () => {
  let stack: TestStack;
  let agent: TestSocket;
  beforeAll(async () => {
    stack = await startTestStack();
    agent = await stack.agent();
  });
  afterAll(() => stack.close());

  let counter = 0;
  /** A visitor who asked something and left an email address (and whose widget speaks `lang`). */
  const visitorWithEmail = async (lang = 'en') => {
    const visitor = await stack.visitor();
    const email = `visitor${++counter}.${Date.now()}@example.com`;
    visitor.send({ action: 'context', lang, timeZone: 'Europe/Berlin' });
    await visitor.request({ action: 'identify', email }, 'profile');
    await visitor.request({ action: 'sendMessage', clientMsgId: 'q', text: 'Where is my invoice?' }, 'message');
    await agent.request({ action: 'join', roomId: visitor.roomId }, 'history', (e) => e.roomId === visitor.roomId);
    return { visitor, email };
  };
  const reply = async (roomId: string, text: string) =>
    agent.request({ action: 'sendMessage', roomId, clientMsgId: `a${++counter}`, text }, 'message', (e) => e.message.text === text);
  const mailsTo = async (email: string) => (await stack.ses.mails()).filter((mail) => mail.to.includes(email));
  /** The room's due checks have run (the test stack's checks never run on their own). */
  const checksDone = async (roomId: string) => {
    await stack.runChecks(roomId);
    expect((await stack.deps.rooms.get(roomId))?.followUpDueAt).toBeUndefined();
  };
  const linkIn = (mail: ReceivedMail, pattern: RegExp) => pattern.exec(mail.text)?.[0];

  it('mails the replies a visitor has not read, once, in their language, with the conversation and a link back', async () => {
    const { visitor, email } = await visitorWithEmail('de');
    const repliedAt = stack.deps.now();
    await reply(visitor.roomId, 'Sie kommt heute.');
    await reply(visitor.roomId, 'Und mit Rabatt!');
    await stack.gateway.settled();
    // One check for both replies, due when the first has been unread for the delay (600 s here).
    const checks = stack.checkQueue.waitingBodies().filter((body) => body.includes(visitor.roomId));
    expect(checks).toHaveLength(1);
    const { dueAt } = JSON.parse(checks[0]!) as { dueAt: number };
    expect(dueAt - repliedAt).toBeGreaterThanOrEqual(600_000);
    expect(dueAt - repliedAt).toBeLessThan(605_000);
    expect(await mailsTo(email)).toEqual([]);
    await checksDone(visitor.roomId);
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.subject).toBe('Test Team hat Ihnen 2 Antworten geschickt');
    expect(mail!.text).toContain('Sie kommt heute.');
    expect(mail!.text).toContain('Und mit Rabatt!');
    expect(mail!.text).toContain('Where is my invoice?');
    expect(mail!.html).toContain('Sie kommt heute.');
    expect(linkIn(mail!, /http:\/\/localhost:5173\/#support-chat-resume=\S+/)).toBeDefined();
    expect(linkIn(mail!, /http:\/\/localhost:5173\/api\/unsubscribe\?token=\S+/)).toBeDefined();
    // The visitor's address is in no log line.
    for (const line of stack.logLines) expect(line).not.toContain(email);
  });

  it('mails nothing when the visitor read the reply in time', async () => {
    const { visitor, email } = await visitorWithEmail();
    const { message } = await reply(visitor.roomId, 'Read me now');
    visitor.send({ action: 'read', seq: message.seq });
    await expect.poll(async () => (await stack.deps.rooms.get(visitor.roomId))?.visitorReadSeq).toBe(message.seq);
    await checksDone(visitor.roomId);
    expect(await mailsTo(email)).toEqual([]);
  });

  it('holds later replies for at least 15 minutes after an email, for one next email', async () => {
    const { visitor, email } = await visitorWithEmail();
    await reply(visitor.roomId, 'First answer');
    await checksDone(visitor.roomId);
    expect(await mailsTo(email)).toHaveLength(1);
    const mailedAt = (await stack.deps.rooms.get(visitor.roomId))!.lastEmailAt!;
    await reply(visitor.roomId, 'Second answer');
    await stack.gateway.settled();
    const due = (await stack.deps.rooms.get(visitor.roomId))!.followUpDueAt!;
    expect(due).toBeGreaterThanOrEqual(mailedAt + 15 * 60_000);
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it('opens the conversation from the email on another device, where the visitor carries on', async () => {
    const { visitor, email } = await visitorWithEmail();
    await reply(visitor.roomId, 'Here is your answer');
    await checksDone(visitor.roomId);
    const [mail] = await mailsTo(email);
    const token = /#support-chat-resume=(\S+)/.exec(mail!.text)![1]!;
    const elsewhere = await TestSocket.open(`${stack.websocketUrl}?resume=${token}`);
    const history = await elsewhere.request({ action: 'history' }, 'history');
    expect(history.roomId).toBe(visitor.roomId);
    expect(history.messages.map((m) => m.text)).toEqual(['Where is my invoice?', 'Here is your answer']);
    // It gets a fresh token to keep, and the visitor's email.
    expect((await elsewhere.next('resume')).roomId).toBe(visitor.roomId);
    expect((await elsewhere.next('profile')).email).toBe(email);
    elsewhere.send({ action: 'sendMessage', clientMsgId: 'from-phone', text: 'Thanks, from my phone' });
    expect((await agent.next('message', (e) => e.message.clientMsgId === 'from-phone')).message.roomId).toBe(visitor.roomId);
    elsewhere.close();
  });

  it('refuses a link that is tampered with, expired, for another purpose, or not a link, and says why in the log', async () => {
    const { visitor } = await visitorWithEmail();
    const links = stack.deps.links;
    const good = await links.resumeToken(visitor.roomId, Date.now() + 60_000);
    const [payload, signature] = good.split('.');
    const otherRoom = Buffer.from(JSON.stringify({ p: 'resume', r: 'X'.repeat(43), e: Math.floor(Date.now() / 1000) + 60 })).toString(
      'base64url',
    );
    const cases = [
      `${otherRoom}.${signature}`,
      `${payload}.${signature!.slice(0, -2)}AA`,
      await links.resumeToken(visitor.roomId, Date.now() - 1000),
      (await links.unsubscribeUrl(visitor.roomId)).split('token=')[1]!,
      'not-a-link',
    ];
    for (const token of cases) {
      await expect(TestSocket.open(`${stack.websocketUrl}?resume=${encodeURIComponent(token)}`), token).rejects.toEqual(
        new UpgradeRefused(401),
      );
    }
    const refusals = stack.logLines.filter((line) => line.includes('conversation link'));
    expect(refusals.map((line) => line.replace(/^.*conversation link /, ''))).toEqual([
      'forged',
      'forged',
      'expired',
      'wrong purpose',
      'malformed',
    ]);
    // The good one works.
    const ok = await TestSocket.open(`${stack.websocketUrl}?resume=${good}`);
    expect((await ok.request({ action: 'history' }, 'history')).roomId).toBe(visitor.roomId);
    ok.close();
  });

  it('tells the widget, before it connects, why a link will not open (the token in the body, never in a URL)', async () => {
    const { visitor } = await visitorWithEmail();
    const links = stack.deps.links;
    const check = (token: string) => stack.http(httpEvent('POST', '/api/resume', token));
    const good = await check(await links.resumeToken(visitor.roomId, Date.now() + 60_000));
    expect([good.statusCode, JSON.parse(good.body!)]).toEqual([200, { ok: true }]);
    const expired = await check(await links.resumeToken(visitor.roomId, Date.now() - 1000));
    expect(expired.statusCode).toBe(410);
    expect(JSON.parse(expired.body!)).toMatchObject({ ok: false, reason: 'expired', message: expect.stringContaining('7 days') });
    const unsubscribeToken = (await links.unsubscribeUrl(visitor.roomId)).split('token=')[1]!;
    for (const token of [
      `${(await links.resumeToken(visitor.roomId, Date.now() + 60_000)).slice(0, -3)}abc`,
      unsubscribeToken,
      'nonsense',
      '',
    ]) {
      const refused = await check(token);
      expect(refused.statusCode, token).toBe(400);
      expect(JSON.parse(refused.body!)).toMatchObject({ ok: false, reason: 'invalid' });
    }
    // Widgets on any site ask it: an answer they may read.
    expect(good.headers?.['access-control-allow-origin']).toBe('*');
  });

  it('stops the emails of a conversation whose visitor unsubscribed, after asking on a page', async () => {
    const { visitor, email } = await visitorWithEmail('fr');
    await reply(visitor.roomId, 'Premier');
    await checksDone(visitor.roomId);
    const [mail] = await mailsTo(email);
    const url = new URL(/http:\/\/localhost:5173\/api\/unsubscribe\?token=\S+/.exec(mail!.text)![0]);
    const asked = await stack.http(httpEvent('GET', `${url.pathname}${url.search}`));
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('Ne plus recevoir ces e-mails');
    expect(asked.body).toContain('method="post"');
    expect((await stack.deps.rooms.get(visitor.roomId))!.emailOptOut).toBeUndefined();
    const done = await stack.http(httpEvent('POST', `${url.pathname}${url.search}`, 'List-Unsubscribe=One-Click'));
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('vous ne recevrez plus');
    await reply(visitor.roomId, 'Deuxième');
    await stack.gateway.settled();
    // No check was even scheduled for the reply.
    expect((await stack.deps.rooms.get(visitor.roomId))!.followUpDueAt).toBeUndefined();
    expect(await mailsTo(email)).toHaveLength(1);
    const forged = await stack.http(httpEvent('GET', `${url.pathname}?token=${url.searchParams.get('token')!.slice(0, -3)}abc`));
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('This link is not valid');
  });

  it('mails the conversation on request, once in five minutes, and only to a visitor who gave an email', async () => {
    const { visitor, email } = await visitorWithEmail();
    await reply(visitor.roomId, 'An answer to keep');
    visitor.send({ action: 'emailTranscript' });
    expect((await visitor.next('transcriptSent')).roomId).toBe(visitor.roomId);
    const transcript = (await mailsTo(email)).find((mail) => mail.subject === 'Your conversation with Test Team');
    expect(transcript?.text).toContain('Where is my invoice?');
    expect(transcript?.text).toContain('An answer to keep');
    expect((await visitor.request({ action: 'emailTranscript' }, 'error')).code).toBe('rate_limited');
    const anonymous = await stack.visitor();
    await anonymous.request({ action: 'sendMessage', clientMsgId: 'x', text: 'no email here' }, 'message');
    expect(await anonymous.request({ action: 'emailTranscript' }, 'error')).toMatchObject({
      code: 'bad_request',
      message: 'Give an email address first.',
    });
  });

  it('mails replies that came before the visitor gave an address, once they do', async () => {
    const visitor = await stack.visitor();
    await visitor.request({ action: 'sendMessage', clientMsgId: 'q', text: 'Hello?' }, 'message');
    await agent.request({ action: 'join', roomId: visitor.roomId }, 'history', (e) => e.roomId === visitor.roomId);
    await reply(visitor.roomId, 'Answered before the email');
    const email = `late.${Date.now()}@example.com`;
    await visitor.request({ action: 'identify', email }, 'profile');
    await checksDone(visitor.roomId);
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('Answered before the email');
  });
});

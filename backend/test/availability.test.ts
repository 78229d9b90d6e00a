import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamSettings, TeamStatus } from '../src/protocol/index.ts';
import { defaultTeamSettings } from '../src/team-defaults.ts';
import { httpEvent } from './support/http-event.ts';
import { TestSocket } from './support/test-socket.ts';
import { newVisitorKey, startTestStack, type TestStack } from './support/test-stack.ts';

/** Open every day, all day: availability then depends on the agents alone. */
const alwaysOpen: TeamSettings['hours'] = {
  timeZone: 'Europe/Berlin',
  weekly: Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((day) => [day, [{ from: '00:00', to: '24:00' }]])),
  holidays: [],
};
const neverOpen: TeamSettings['hours'] = { timeZone: 'Europe/Berlin', weekly: {}, holidays: ['2026-12-24'] };

describe('the team: settings, availability and the away reply', () => {
  let stack: TestStack;
  const settings = (overrides: Partial<TeamSettings> = {}): TeamSettings => ({
    ...defaultTeamSettings({ name: 'Practical Cloud', timeZone: 'Europe/Berlin' }),
    hours: alwaysOpen,
    ...overrides,
  });
  beforeAll(async () => {
    stack = await startTestStack({ teamDefaults: settings() });
  });
  afterAll(() => stack.close());

  /** Sends updateSettings as the (admin) demo agent and waits for the broadcast to reach `watcher`. */
  const save = async (admin: TestSocket, next: TeamSettings, watcher: TestSocket) => {
    const before = watcher.all('team').length;
    admin.send({ action: 'updateSettings', settings: next });
    return (await watcher.next('team', () => watcher.all('team').length > before)).status;
  };
  const visitorWithTeam = async () => {
    const visitor = await stack.visitor();
    const { status } = await visitor.request({ action: 'history' }, 'team');
    return { visitor, status };
  };

  it('lets an admin change the settings, and every open widget and console hears them at once', async () => {
    const admin = await stack.agent();
    const { visitor } = await visitorWithTeam();
    const changed = settings({ name: 'Practical Cloud Support', greeting: { en: 'Hello!', de: 'Hallo!' }, afterHours: 'require-email' });
    const heard = await save(admin, changed, visitor);
    expect(heard.settings).toEqual(changed);
    expect((await admin.next('team', (e) => e.status.settings.name === 'Practical Cloud Support')).status.settings).toEqual(changed);
    // A widget opened later gets them too, and so does /api/team.json.
    expect((await visitorWithTeam()).status.settings).toEqual(changed);
    const json = await stack.http(httpEvent('GET', '/api/team.json'));
    expect(json.statusCode).toBe(200);
    expect(json.headers).toMatchObject({ 'cache-control': 'public, max-age=30', 'access-control-allow-origin': '*' });
    expect((JSON.parse(json.body!) as TeamStatus).settings).toEqual(changed);
    await save(admin, settings(), visitor);
  });

  it('refuses settings from an agent who is not an admin, and invalid ones, storing nothing', async () => {
    await stack.createUser('plain.agent@example.com', { agent: true });
    const plain = await stack.agent('plain.agent@example.com');
    const admin = await stack.agent();
    const stored = async () =>
      (await stack.doc.send(new GetCommand({ TableName: stack.tableNames.team, Key: { pk: 'team', sk: 'settings' } }))).Item?.settings;
    const before = await stored();
    const refusal = await plain.request({ action: 'updateSettings', settings: settings({ name: 'Hijacked' }) }, 'error');
    expect(refusal).toMatchObject({ code: 'forbidden', action: 'updateSettings' });
    const invalid: unknown[] = [
      { ...settings(), hours: { ...alwaysOpen, timeZone: 'Mars/Olympus_Mons' } },
      { ...settings(), hours: { ...alwaysOpen, weekly: { mon: [{ from: '09:10', to: '17:00' }] } } },
      { ...settings(), hours: { ...alwaysOpen, weekly: { mon: [{ from: '12:00', to: '11:00' }] } } },
      {
        ...settings(),
        hours: {
          ...alwaysOpen,
          weekly: {
            mon: [
              { from: '09:00', to: '13:00' },
              { from: '12:00', to: '17:00' },
            ],
          },
        },
      },
      { ...settings(), hours: { ...alwaysOpen, holidays: ['24.12.2026'] } },
      { ...settings(), greeting: { en: 'x'.repeat(1001) } },
      { ...settings(), afterHours: 'never' },
      { ...settings(), replyTime: { mode: 'fixed' } },
      { ...settings(), extra: true },
    ];
    for (const bad of invalid) {
      const errorsBefore = admin.all('error').length;
      admin.send({ action: 'updateSettings', settings: bad });
      const error = await admin.next('error', () => admin.all('error').length > errorsBefore);
      expect(error.code, JSON.stringify(bad).slice(0, 200)).toBe('bad_request');
    }
    expect(await stored()).toEqual(before);
    plain.close();
    await plain.closed;
    await stack.gateway.settled();
  });

  it('says the team is available while an agent is, and tells open widgets when that changes', async () => {
    const { visitor } = await visitorWithTeam();
    // Every console of this file is the demo agent's: its switch is the team's availability.
    const agent = await stack.agent();
    agent.send({ action: 'setStatus', status: 'away' });
    expect((await agent.next('team', (e) => e.me?.status === 'away')).me).toEqual({
      status: 'away',
      admin: true,
      agentId: expect.any(String),
      name: 'Alex from Support',
    });
    await visitor.next('team', (e) => !e.status.agents.available);
    const switchedAt = Date.now();
    agent.send({ action: 'setStatus', status: 'available' });
    // Visitors hear who is available, and since when the latest agent switched on.
    const heard = await visitor.next('team', (e) => e.status.agents.available && (e.status.agents.since ?? 0) >= switchedAt);
    expect(heard.status.agents.since).toBeLessThanOrEqual(Date.now());
    await stack.gateway.settled();
    const team = await agent.request(
      { action: 'getTeam' },
      'team',
      (e) => e.me !== undefined && (e.status.agents.since ?? 0) >= switchedAt,
    );
    expect(team.me).toMatchObject({ status: 'available', admin: true, name: 'Alex from Support' });
  });

  it('answers a visitor who writes while nobody is available with the away message, in their language, once', async () => {
    const admin = await stack.agent();
    // Nobody available: no business hours and every agent away.
    const away = settings({ hours: neverOpen, awayMessage: { en: 'We are away.', de: 'Wir sind gerade nicht da.' } });
    const { visitor: watcher } = await visitorWithTeam();
    await save(admin, away, watcher);
    admin.send({ action: 'setStatus', status: 'away' });
    await stack.gateway.settled();

    const visitor = await stack.visitor();
    visitor.send({ action: 'context', lang: 'de-AT', timeZone: 'Europe/Vienna' });
    await visitor.request({ action: 'sendMessage', clientMsgId: 'q1', text: 'Hallo?' }, 'message');
    const reply = await visitor.next('message', (e) => e.message.sender.role === 'system');
    expect(reply.message).toMatchObject({ seq: 2, text: 'Wir sind gerade nicht da.', sender: { role: 'system' } });
    await visitor.request({ action: 'sendMessage', clientMsgId: 'q2', text: 'Noch da?' }, 'message', (e) => e.message.clientMsgId === 'q2');
    await stack.gateway.settled();
    await visitor.settle();
    expect(visitor.all('message').filter((e) => e.message.sender.role === 'system')).toHaveLength(1);
    const { messages } = await visitor.request({ action: 'history' }, 'history', (e) => e.messages.length === 3);
    expect(messages.map((m) => [m.seq, m.sender.role])).toEqual([
      [1, 'visitor'],
      [2, 'system'],
      [3, 'visitor'],
    ]);
    // After an agent writes, the next stretch of absence gets the away message again.
    admin.send({ action: 'join', roomId: visitor.roomId });
    await admin.request(
      { action: 'sendMessage', roomId: visitor.roomId, clientMsgId: 'a1', text: 'Hier!' },
      'message',
      (e) => e.message.clientMsgId === 'a1',
    );
    await visitor.request(
      { action: 'sendMessage', clientMsgId: 'q3', text: 'Und jetzt?' },
      'message',
      (e) => e.message.clientMsgId === 'q3',
    );
    await visitor.next('message', (e) => e.message.sender.role === 'system' && e.message.seq > 4);

    // A visitor whose first message beats their `context`: the language their connection asked for.
    const early = await TestSocket.open(`${stack.websocketUrl}?visitorKey=${newVisitorKey()}&lang=de`, () => stack.gateway.settled());
    early.send({ action: 'sendMessage', clientMsgId: 'e1', text: 'Hallo?' });
    expect((await early.next('message', (e) => e.message.sender.role === 'system')).message.text).toBe('Wir sind gerade nicht da.');
    early.close();
    // A language the URL cannot pass for is not one: English.
    const odd = await TestSocket.open(`${stack.websocketUrl}?visitorKey=${newVisitorKey()}&lang=${encodeURIComponent('<de>')}`);
    odd.send({ action: 'sendMessage', clientMsgId: 'o1', text: 'Hello?' });
    expect((await odd.next('message', (e) => e.message.sender.role === 'system')).message.text).toBe('We are away.');
    odd.close();

    admin.send({ action: 'setStatus', status: 'available' });
    await save(admin, settings(), watcher);
  });

  it('gives a visitor, on reconnecting, whether the conversation was closed', async () => {
    const visitor = await stack.visitor();
    await visitor.request({ action: 'sendMessage', clientMsgId: 'c1', text: 'hi' }, 'message');
    const agent = await stack.agent();
    await agent.request({ action: 'closeRoom', roomId: visitor.roomId }, 'roomClosed');
    const again = await stack.visitor(visitor.key);
    expect(await again.request({ action: 'history' }, 'presence')).toMatchObject({ status: 'closed' });
  });
});

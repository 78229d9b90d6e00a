/**
 * The widget tests' commands that read and write what the server stores: rooms and their
 * messages, the team's settings and report counters, customers' rooms and identity tokens, links, emails.
 */

import { randomUUID } from 'node:crypto';
import type { TeamSettings } from '@support-chat/backend/protocol';
import { DEMO_AGENT } from '../../backend/local/cognito.ts';
import { roomIdForVisitorKey } from '../../backend/src/auth/visitor-key.ts';
import { type CustomerClaims, signIdentityToken } from '../../backend/test/support/identity-token.ts';
import { TestSocket } from './server-sockets.ts';
import type { Commands, TestServerState } from './server-state.ts';

/** How far 'clock:advance' moved the handlers' clock (one test server, one stack). */
let clockOffset = 0;

export const roomCommands = (state: TestServerState): Commands => ({
  'room:id': ({ visitorKey }) => roomIdForVisitorKey(String(visitorKey)),
  /**
   * Adds `count` messages to a room's history, alternating visitor and agent, straight
   * into the store (the rate limit would make sending them take seconds).
   */
  'room:seed': async ({ roomId, count, prefix }) => {
    let lastSeq = await state.stack.deps.messages.lastSeq(String(roomId));
    for (let i = 1; i <= Number(count); i++) {
      const role = i % 2 ? 'visitor' : 'agent';
      ({ seq: lastSeq } = await state.stack.deps.messages.append(
        {
          roomId: String(roomId),
          clientMsgId: randomUUID(),
          sender: role === 'agent' ? { role, name: DEMO_AGENT.name } : { role },
          text: `${String(prefix ?? 'Seeded')} ${i}`,
          createdAt: new Date().toISOString(),
        },
        lastSeq,
      ));
    }
    return true;
  },
  /**
   * Stores an agent's message without broadcasting it: what a slow concurrent send looks
   * like to the room until its broadcast arrives (here: never; catch-up must find it).
   */
  'room:storeQuietly': async ({ roomId, text }) =>
    state.stack.deps.messages.append(
      {
        roomId: String(roomId),
        clientMsgId: randomUUID(),
        sender: { role: 'agent', name: DEMO_AGENT.name },
        text: String(text),
        createdAt: new Date().toISOString(),
      },
      await state.stack.deps.messages.lastSeq(String(roomId)),
    ),
  /** What the server stored for the room, oldest first. */
  'room:messages': async ({ roomId }) => (await state.stack.deps.messages.page(String(roomId), { limit: 100 })).messages,
  'room:get': async ({ roomId }) => (await state.stack.deps.rooms.get(String(roomId))) ?? false,
  /** The connection ids of the agents in a room. */
  'room:agentConnections': async ({ roomId }) =>
    (await state.stack.deps.connections.members(String(roomId))).filter((m) => m.role === 'agent').map((m) => m.connectionId),
  'room:visitorConnections': async ({ roomId }) =>
    (await state.stack.deps.connections.members(String(roomId))).filter((m) => m.role === 'visitor').length,
  /**
   * The team's settings: the test stack's defaults with `patch` over them (an empty patch
   * restores them), saved by the demo agent (an admin) with `updateSettings`, as the
   * console does. Answers the `team` event every connection then gets.
   */
  'team:set': async ({ patch }) => {
    const admin = await TestSocket.connect(state.stack);
    try {
      const settings = { ...state.teamDefaults, ...(patch as Partial<TeamSettings>) };
      // Keys in one order: the settings come back from the store in another.
      const same = (value: unknown): string =>
        JSON.stringify(value, (_key, v: unknown) =>
          v && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
            : v,
        );
      admin.send({ action: 'updateSettings', settings });
      return await admin.waitFor((e) => e.type === 'error' || (e.type === 'team' && same(e.status.settings) === same(settings)));
    } finally {
      admin.close();
    }
  },
  /** Moves the handlers' clock `ms` ahead (a rating's 24 hours to change it); `ms: 0` puts it back. */
  'clock:advance': ({ ms }) => {
    clockOffset = Number(ms) === 0 ? 0 : clockOffset + Number(ms);
    state.stack.deps.now = () => Date.now() + clockOffset;
    return true;
  },
  /** The measured reply time the team's status carries (undefined: none), as if measured just now. */
  'team:replyMinutes': async ({ minutes }) => {
    await state.stack.deps.team.saveReplyMinutes(minutes === undefined ? undefined : Number(minutes), Date.now());
    return true;
  },
  /** Adds to one day's report counters of the team (no `agentId`) or an agent, as events do (chat/report-counts.ts). */
  'reports:add': async ({ day, agentId, counts }) => {
    await state.stack.deps.reports.add(String(day), agentId === undefined ? undefined : String(agentId), counts as Record<string, number>);
    return true;
  },
  /** A customer's identity token with `claims` (at least `sub`), signed with the key of the stack (or of the `required` one), as the company's backend signs it. */
  'identity:token': async ({ claims, stack: name }) => {
    const { identity } = await state.stackNamed(name);
    return signIdentityToken(claims as CustomerClaims, { secretValue: identity.secretValue(), audience: identity.audience });
  },
  /** The room a signed-in customer has (null before they first connected). */
  'customer:room': async ({ sub, stack: name }) => (await (await state.stackNamed(name)).deps.customers.roomOf(String(sub))) ?? null,
  /** A link's token back into a room, good until `expiresAt` (epoch ms), as emails carry them. */
  'link:resume': ({ roomId, expiresAt }) => state.stack.deps.links.resumeToken(String(roomId), Number(expiresAt)),
  /** The emails the local SES received, oldest first (what the demo serves at /local/mail.json). */
  'mail:list': () => state.stack.ses.mails(),
});

/**
 * The widget tests' commands that drive the server side's own WebSockets (server-sockets.ts):
 * an agent, a visitor or a signed-in customer connecting, sending, typing, reading, and
 * waiting for what the server answers them.
 */

import { randomUUID } from 'node:crypto';
import type { Message } from '@support-chat/backend/protocol';
import { type CustomerClaims, signIdentityToken } from '../../backend/test/support/identity-token.ts';
import { TestSocket } from './server-sockets.ts';
import type { Commands, TestServerState } from './server-state.ts';

type Command = Commands[string];

export function socketCommands(state: TestServerState): Commands {
  /** Waits for an event of `type` (a message with `text`, if given) among all the socket received. */
  const wait: Command = ({ id, type, text }) =>
    state.socket(id).waitFor((e) => e.type === type && (text === undefined || (e.type === 'message' && e.message.text === text)));
  const events: Command = ({ id }) => state.socket(id).events;
  const close: Command = ({ id }) => {
    state.socket(id).close();
    state.sockets.delete(String(id));
    return true;
  };
  return {
    'agent:connect': async ({ token }) =>
      state.track(await TestSocket.connect(state.stack, token === undefined ? undefined : String(token))),
    'agent:join': async ({ id, roomId }) => {
      const a = state.socket(id);
      const from = a.events.length;
      a.send({ action: 'join', roomId });
      return a.waitFor((e) => e.type === 'history' && e.roomId === roomId, from);
    },
    'agent:send': async ({ id, roomId, text }) => {
      const a = state.socket(id);
      const clientMsgId = randomUUID();
      a.send({ action: 'sendMessage', roomId, clientMsgId, text });
      const event = await a.waitFor((e) => e.type === 'message' && e.message.clientMsgId === clientMsgId);
      return (event as { message: Message }).message;
    },
    'agent:typing': ({ id, roomId, isTyping }) => {
      state.socket(id).send({ action: 'typing', roomId, isTyping });
      return true;
    },
    'agent:wait': wait,
    'agent:events': events,
    'agent:close': close,
    /** An agent closes a room, as the console's "Close" does (`askRating: false`: its "Close without asking"). */
    'agent:closeRoom': async ({ id, roomId, askRating }) => {
      const a = state.socket(id);
      const from = a.events.length;
      a.send({ action: 'closeRoom', roomId, ...(askRating === false && { askRating: false }) });
      return a.waitFor((e) => e.type === 'roomClosed' && e.roomId === roomId, from);
    },
    /** A visitor over a real WebSocket, with a key of its own: `{ id, roomId }`. */
    'visitor:connect': async () => {
      const socket = await TestSocket.visitor(state.stack);
      return { id: state.track(socket), roomId: socket.roomId };
    },
    /**
     * A signed-in customer over a real WebSocket: `claims` (at least `sub`) in an identity token
     * signed with the stack's key, as the company's backend signs it: `{ id, roomId }`, their one
     * room. The visitor:* commands drive it from there.
     */
    'customer:connect': async ({ claims }) => {
      const customer = claims as CustomerClaims;
      const token = signIdentityToken(customer, {
        secretValue: state.stack.identity.secretValue(),
        audience: state.stack.identity.audience,
      });
      const socket = await TestSocket.customer(state.stack, token);
      return { id: state.track(socket), roomId: await state.stack.deps.customers.roomOf(customer.sub) };
    },
    'visitor:send': async ({ id, text }) => {
      const v = state.socket(id);
      const clientMsgId = randomUUID();
      v.send({ action: 'sendMessage', clientMsgId, text });
      const event = await v.waitFor((e) => e.type === 'message' && e.message.clientMsgId === clientMsgId);
      return (event as { message: Message }).message;
    },
    'visitor:typing': ({ id, isTyping }) => {
      state.socket(id).send({ action: 'typing', isTyping });
      return true;
    },
    'visitor:read': ({ id, seq }) => {
      state.socket(id).send({ action: 'read', seq });
      return true;
    },
    'visitor:identify': async ({ id, name, email }) => {
      const v = state.socket(id);
      const from = v.events.length;
      v.send({ action: 'identify', ...(name !== undefined && { name }), ...(email !== undefined && { email }) });
      return v.waitFor((e) => e.type === 'profile', from);
    },
    'visitor:wait': wait,
    'visitor:events': events,
    'visitor:close': close,
    /** Sends any frame on an agent's or visitor's socket; answers the first event of type `until` (or an error) it brings. */
    'socket:frame': async ({ id, frame, until }) => {
      const socket = state.socket(id);
      const from = socket.events.length;
      socket.send(frame as Record<string, unknown>);
      return socket.waitFor((e) => e.type === until || e.type === 'error', from);
    },
    /** Sends any frame on an agent's or visitor's socket, waiting for nothing (`context`, `typing`). */
    'socket:send': ({ id, frame }) => {
      state.socket(id).send(frame as Record<string, unknown>);
      return true;
    },
    /** Waits for an event of `type` whose JSON holds `includes`, among the socket's events from index `from` (0). */
    'socket:waitFor': ({ id, type, includes, from }) =>
      state
        .socket(id)
        .waitFor((e) => e.type === type && (includes === undefined || JSON.stringify(e).includes(String(includes))), Number(from ?? 0)),
    /** Waits for a `team` event saying whether an agent is available, among the socket's events from index `from` (0). */
    'socket:team': ({ id, available, from }) =>
      state.socket(id).waitFor((e) => e.type === 'team' && e.status.agents.available === Boolean(available), Number(from ?? 0)),
  };
}

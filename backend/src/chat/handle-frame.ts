import { ChatError, ForbiddenError, RateLimitedError } from '../errors.ts';
import {
  AGENT_ONLY_ACTIONS,
  type ClientAction,
  type ClientFrameOf,
  parseClientFrame,
  type ProtocolError,
  VISITOR_ONLY_ACTIONS,
} from '../protocol/index.ts';
import type { Connection } from '../store/connection-store.ts';
import { closeRoom } from './actions/close-room.ts';
import { history } from './actions/history.ts';
import { identify } from './actions/identify.ts';
import { join, leave } from './actions/join-leave.ts';
import { listRooms } from './actions/list-rooms.ts';
import { read } from './actions/read.ts';
import { sendMessage } from './actions/send-message.ts';
import { typing } from './actions/typing.ts';
import type { ChatDeps } from './deps.ts';
import { sendTo } from './fanout.ts';

type ActionHandler<A extends ClientAction> = (deps: ChatDeps, caller: Connection, frame: ClientFrameOf<A>) => Promise<void>;

/** Where each action of the protocol is handled: one module per action under actions/. */
const actions: { [A in ClientAction]: ActionHandler<A> } = {
  sendMessage,
  history,
  typing,
  read,
  identify: (deps, caller, frame) => identify(deps, caller as Connection & { role: 'visitor' }, frame),
  join: (deps, caller, frame) => join(deps, caller as Connection & { role: 'agent' }, frame),
  leave: (deps, caller, frame) => leave(deps, caller as Connection & { role: 'agent' }, frame),
  listRooms,
  closeRoom,
  ping: (deps, caller) => sendTo(deps, caller.connectionId, { type: 'pong' }),
};

/**
 * One client frame, start to finish: rate limit, parse, check the caller's role, run
 * the action. Every refusal becomes an `error` event to the sender alone; nothing is
 * stored and nobody else hears of it.
 */
export async function handleFrame(deps: ChatDeps, connectionId: string, body: string): Promise<void> {
  const parsed = parseClientFrame(body);
  const context = parsed.ok
    ? { action: parsed.frame.action, clientMsgId: 'clientMsgId' in parsed.frame ? parsed.frame.clientMsgId : undefined }
    : { action: parsed.error.action, clientMsgId: parsed.error.clientMsgId };

  try {
    // Every frame counts against the rate limit, well-formed or not.
    const caller = await deps.connections.admitFrame(connectionId, deps.now());
    if (caller === undefined) {
      // A frame from a connection we have no record of (expired, or pruned): cut it.
      deps.log.warn('frame from an unknown connection', { connectionId });
      await deps.gateway.disconnect(connectionId);
      return;
    }
    if (caller === 'rate_limited') throw new RateLimitedError();
    if (!parsed.ok) return await reject(deps, connectionId, parsed.error);
    const { frame } = parsed;
    if (caller.role === 'visitor' && AGENT_ONLY_ACTIONS.has(frame.action)) {
      throw new ForbiddenError(`Only agents may use ${frame.action}.`);
    }
    if (caller.role === 'agent' && VISITOR_ONLY_ACTIONS.has(frame.action)) {
      throw new ForbiddenError(`Only visitors may use ${frame.action}.`);
    }
    await (actions[frame.action] as ActionHandler<ClientAction>)(deps, caller, frame);
  } catch (error) {
    if (error instanceof ChatError) {
      await reject(deps, connectionId, { code: error.code, message: error.message, ...definedOnly(context) });
      return;
    }
    deps.log.error('action failed', { connectionId, action: context.action, error: describe(error) });
    await reject(deps, connectionId, {
      code: 'internal',
      message: 'Something went wrong on our side. Please retry.',
      ...definedOnly(context),
    });
  }
}

async function reject(deps: ChatDeps, connectionId: string, error: ProtocolError): Promise<void> {
  await sendTo(deps, connectionId, { type: 'error', ...error });
}

function definedOnly(context: { action?: string; clientMsgId?: string }) {
  return {
    ...(context.action !== undefined && { action: context.action }),
    ...(context.clientMsgId !== undefined && { clientMsgId: context.clientMsgId }),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

import { ChatError, ForbiddenError, RateLimitedError } from '../errors.ts';
import {
  AGENT_ONLY_ACTIONS,
  type ClientAction,
  type ClientFrameOf,
  type ProtocolError,
  parseClientFrame,
  VISITOR_ONLY_ACTIONS,
} from '../protocol/index.ts';
import { closeRoom } from './actions/close-room.ts';
import { context } from './actions/context.ts';
import { emailTranscript } from './actions/email-transcript.ts';
import { history } from './actions/history.ts';
import { identify } from './actions/identify.ts';
import { join, leave } from './actions/join-leave.ts';
import { listRooms } from './actions/list-rooms.ts';
import { read } from './actions/read.ts';
import { sendMessage } from './actions/send-message.ts';
import { getTeam, setStatus, updateSettings } from './actions/team.ts';
import { typing } from './actions/typing.ts';
import { asError, Delivery } from './delivery.ts';
import type { ChatContext, ChatDeps } from './deps.ts';
import { pruneGone } from './lifecycle.ts';
import type { Connection } from './model.ts';

type ActionHandler<A extends ClientAction> = (ctx: ChatContext, caller: Connection, frame: ClientFrameOf<A>) => Promise<void>;
type Visitor = Connection & { role: 'visitor' };
type Agent = Connection & { role: 'agent' };

/** Where each action of the protocol is handled: one module per action under actions/. */
const actions: { [A in ClientAction]: ActionHandler<A> } = {
  sendMessage,
  history,
  typing,
  read,
  identify: (ctx, caller, frame) => identify(ctx, caller as Visitor, frame),
  context: (ctx, caller, frame) => context(ctx, caller as Visitor, frame),
  emailTranscript: (ctx, caller) => emailTranscript(ctx, caller as Visitor),
  join: (ctx, caller, frame) => join(ctx, caller as Agent, frame),
  leave: (ctx, caller, frame) => leave(ctx, caller as Agent, frame),
  listRooms,
  closeRoom,
  getTeam: (ctx, caller) => getTeam(ctx, caller as Agent),
  setStatus: (ctx, caller, frame) => setStatus(ctx, caller as Agent, frame),
  updateSettings: (ctx, caller, frame) => updateSettings(ctx, caller as Agent, frame),
  ping: (ctx, caller) => ctx.out.send([caller.connectionId], { type: 'pong' }),
};

/**
 * One client frame, start to finish: rate limit, parse, check the caller's role, run
 * the action, then prune the connections found gone on the way. Every refusal becomes
 * an `error` event to the sender alone; nothing is stored and nobody else hears of it.
 */
export async function handleFrame(deps: ChatDeps, connectionId: string, body: string): Promise<void> {
  const ctx: ChatContext = { ...deps, out: new Delivery(deps.gateway, deps.log) };
  const parsed = parseClientFrame(body);
  const context = parsed.ok
    ? { action: parsed.frame.action, clientMsgId: 'clientMsgId' in parsed.frame ? parsed.frame.clientMsgId : undefined }
    : { action: parsed.error.action, clientMsgId: parsed.error.clientMsgId };

  try {
    // Every frame counts against the rate limit, well-formed or not.
    const caller = await ctx.connections.admitFrame(connectionId, ctx.now());
    if (caller === undefined) {
      // A frame from a connection we have no record of (expired, or pruned): cut it.
      ctx.log.warn('frame from an unknown connection', { connectionId });
      await ctx.gateway.disconnect(connectionId);
      return;
    }
    if (caller === 'rate_limited') throw new RateLimitedError();
    if (!parsed.ok) return await reject(ctx, connectionId, parsed.error);
    const { frame } = parsed;
    if (caller.role === 'visitor' && AGENT_ONLY_ACTIONS.has(frame.action)) {
      throw new ForbiddenError(`Only agents may use ${frame.action}.`);
    }
    if (caller.role === 'agent' && VISITOR_ONLY_ACTIONS.has(frame.action)) {
      throw new ForbiddenError(`Only visitors may use ${frame.action}.`);
    }
    await (actions[frame.action] as ActionHandler<ClientAction>)(ctx, caller, frame);
  } catch (error) {
    if (error instanceof ChatError) {
      await reject(ctx, connectionId, { code: error.code, message: error.message, ...definedOnly(context) });
    } else {
      ctx.log.error('action failed', { connectionId, action: context.action, error: asError(error) });
      await reject(ctx, connectionId, {
        code: 'internal',
        message: 'Something went wrong on our side. Please retry.',
        ...definedOnly(context),
      });
    }
  } finally {
    await pruneGone(ctx);
  }
}

async function reject(ctx: ChatContext, connectionId: string, error: ProtocolError): Promise<void> {
  await ctx.out.send([connectionId], { type: 'error', ...error });
}

function definedOnly(context: { action?: string; clientMsgId?: string }) {
  return {
    ...(context.action !== undefined && { action: context.action }),
    ...(context.clientMsgId !== undefined && { clientMsgId: context.clientMsgId }),
  };
}

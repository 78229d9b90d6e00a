import { ChatError, ForbiddenError, RateLimitedError } from '../errors.ts';
import {
  ADMIN_ONLY_ACTIONS,
  AGENT_ONLY_ACTIONS,
  type ClientAction,
  type ClientFrameOf,
  type ProtocolError,
  parseClientFrame,
  VISITOR_ONLY_ACTIONS,
} from '../protocol/index.ts';
import { inviteAgent, listAgents, removeAgent, setAdmin, updateProfile } from './actions/agents.ts';
import { assign, unassign } from './actions/assign.ts';
import { attachmentUrl, uploadSlot } from './actions/attachments.ts';
import { closeRoom } from './actions/close-room.ts';
import { context } from './actions/context.ts';
import { emailTranscript } from './actions/email-transcript.ts';
import { history } from './actions/history.ts';
import { identify } from './actions/identify.ts';
import { join, leave } from './actions/join-leave.ts';
import { listRooms } from './actions/list-rooms.ts';
import { rate } from './actions/rate.ts';
import { read } from './actions/read.ts';
import { reopenRoom } from './actions/reopen-room.ts';
import { deleteReply, listReplies, saveReply } from './actions/replies.ts';
import { sendMessage } from './actions/send-message.ts';
import { getTeam, setStatus, updateSettings } from './actions/team.ts';
import { typing } from './actions/typing.ts';
import { visitorRooms } from './actions/visitor-rooms.ts';
import { asError, Delivery } from './delivery.ts';
import type { ChatContext, ChatDeps } from './deps.ts';
import { pruneGone } from './lifecycle.ts';
import type { AgentConnection as Agent, Connection, VisitorConnection as Visitor } from './model.ts';

const privacyActions = () => import('./actions/privacy.ts');
const reportAction = () => import('./actions/report.ts');

type ActionHandler<A extends ClientAction> = (ctx: ChatContext, caller: Connection, frame: ClientFrameOf<A>) => Promise<void>;

/** Where each action of the protocol is handled: one module per action under actions/. */
const actions: { [A in ClientAction]: ActionHandler<A> } = {
  sendMessage,
  history,
  typing,
  read,
  identify: (ctx, caller, frame) => identify(ctx, caller as Visitor, frame),
  context: (ctx, caller, frame) => context(ctx, caller as Visitor, frame),
  emailTranscript: (ctx, caller) => emailTranscript(ctx, caller as Visitor),
  rate: (ctx, caller, frame) => rate(ctx, caller as Visitor, frame),
  join: (ctx, caller, frame) => join(ctx, caller as Agent, frame),
  leave: (ctx, caller, frame) => leave(ctx, caller as Agent, frame),
  listRooms,
  closeRoom: (ctx, caller, frame) => closeRoom(ctx, caller as Agent, frame),
  reopenRoom: (ctx, caller, frame) => reopenRoom(ctx, caller as Agent, frame),
  assign: (ctx, caller, frame) => assign(ctx, caller as Agent, frame),
  unassign: (ctx, caller, frame) => unassign(ctx, caller as Agent, frame),
  visitorRooms: (ctx, caller, frame) => visitorRooms(ctx, caller as Agent, frame),
  getTeam: (ctx, caller) => getTeam(ctx, caller as Agent),
  setStatus: (ctx, caller, frame) => setStatus(ctx, caller as Agent, frame),
  updateSettings: (ctx, caller, frame) => updateSettings(ctx, caller as Agent, frame),
  listReplies: (ctx, caller) => listReplies(ctx, caller as Agent),
  saveReply: (ctx, caller, frame) => saveReply(ctx, caller as Agent, frame),
  deleteReply: (ctx, caller, frame) => deleteReply(ctx, caller as Agent, frame),
  updateProfile: (ctx, caller, frame) => updateProfile(ctx, caller as Agent, frame),
  listAgents: (ctx, caller) => listAgents(ctx, caller as Agent),
  inviteAgent: (ctx, caller, frame) => inviteAgent(ctx, caller as Agent, frame),
  removeAgent: (ctx, caller, frame) => removeAgent(ctx, caller as Agent, frame),
  setAdmin: (ctx, caller, frame) => setAdmin(ctx, caller as Agent, frame),
  // An admin's rare request: its code is imported on first use, not on every cold start.
  findPerson: async (ctx, caller, frame) => (await privacyActions()).findPersonAction(ctx, caller as Agent, frame),
  exportPerson: async (ctx, caller, frame) => (await privacyActions()).exportPersonAction(ctx, caller as Agent, frame),
  erasePerson: async (ctx, caller, frame) => (await privacyActions()).erasePersonAction(ctx, caller as Agent, frame),
  // Asked for when an agent opens the reports: imported on first use too.
  report: async (ctx, caller, frame) => (await reportAction()).report(ctx, caller as Agent, frame),
  uploadSlot,
  attachmentUrl,
  ping: (ctx, caller) => ctx.out.send([caller.connectionId], { type: 'pong' }),
};

/** What an action only admins may use is, for the refusal. */
const ADMIN_WORK: Partial<Record<ClientAction, string>> = {
  updateSettings: 'change the team settings',
  saveReply: 'change the saved replies',
  deleteReply: 'change the saved replies',
  inviteAgent: 'invite agents',
  removeAgent: 'remove agents',
  setAdmin: 'change who is an admin',
  findPerson: "look up a person's data",
  exportPerson: "export a person's data",
  erasePerson: "erase a person's data",
};

/**
 * One client frame, start to finish: rate limit, parse, check the caller's role, run
 * the action, then prune the connections found gone on the way. Every refusal becomes
 * an `error` event to the sender alone; nothing is stored and nobody else hears of it.
 */
export async function handleFrame(deps: ChatDeps, connectionId: string, body: string, userAgent?: string): Promise<void> {
  const ctx: ChatContext = { ...deps, out: new Delivery(deps.gateway, deps.log), ...(userAgent && { userAgent }) };
  const parsed = parseClientFrame(body);
  const context = parsed.ok
    ? { action: parsed.frame.action, clientMsgId: 'clientMsgId' in parsed.frame ? parsed.frame.clientMsgId : undefined }
    : { action: parsed.error.action, clientMsgId: parsed.error.clientMsgId };

  try {
    // Every frame counts against the rate limit, well-formed or not. The team's retention
    // setting is read alongside when this process last read it over a minute ago.
    const [caller] = await Promise.all([ctx.connections.admitFrame(connectionId, ctx.now()), ctx.team.refreshRetention()]);
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
    if (caller.role === 'agent' && ADMIN_ONLY_ACTIONS.has(frame.action) && !caller.admin) {
      throw new ForbiddenError(`Only admins may ${ADMIN_WORK[frame.action] ?? frame.action}.`);
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

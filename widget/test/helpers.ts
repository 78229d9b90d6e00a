/** Browser-side helpers of the widget tests. */
import type { Message, RoomSummary, ServerEvent, SiteConfig } from '@support-chat/backend/protocol';
import { executeServerCommand } from '@web/test-runner-commands';

export const command = <R>(name: string, payload: Record<string, unknown> = {}) =>
  executeServerCommand<R, Record<string, unknown>>(name, payload);

/** The local stack's WebSocket endpoint, from the test server's /config.json. */
export async function endpoint(): Promise<string> {
  const config = (await (await fetch('/config.json')).json()) as { websocketUrl: string };
  return config.websocketUrl;
}

/** An endpoint nothing listens on: every connection attempt fails. */
export const DEAD_ENDPOINT = 'ws://127.0.0.1:9/';

/** Polls until `condition` holds (10 s at most), returning its value; `what` may say how things stand when it times out. */
export async function waitUntil<T>(
  condition: () => T | Promise<T>,
  what: string | (() => string),
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function visitorKey(prefix = 'support-chat'): string {
  const key = localStorage.getItem(`${prefix}:key`);
  if (!key) throw new Error('no visitor key in localStorage');
  return key;
}

/** The visitor's room id, derived on the server side from the key in localStorage. */
export const roomId = (prefix?: string) => command<string>('room:id', { visitorKey: visitorKey(prefix) });
export const storedMessages = (room: string) => command<Message[]>('room:messages', { roomId: room });
export const storedRoom = async (room: string) => (await command<RoomSummary | false>('room:get', { roomId: room })) || undefined;
export const dropVisitors = (room: string) => command<number>('room:drop', { roomId: room });
export const dropAgents = (room: string) => command<number>('room:dropAgents', { roomId: room });

/** A network between the page and the local stack that the test can silence (bytes dropped, no close). */
export class CuttableNetwork {
  private constructor(
    readonly id: string,
    /** The WebSocket endpoint through this network. */
    readonly url: string,
  ) {}
  static async start(): Promise<CuttableNetwork> {
    const { id, url } = await command<{ id: string; url: string }>('network:start');
    return new CuttableNetwork(id, url);
  }
  cut() {
    return command<boolean>('network:cut', { id: this.id });
  }
  restore() {
    return command<boolean>('network:restore', { id: this.id });
  }
}

/** A support agent on the other end, over a real WebSocket with a Cognito token. */
export class Agent {
  private constructor(readonly id: string) {}
  static async connect(): Promise<Agent> {
    return new Agent(await command<string>('agent:connect'));
  }
  /** An agent's socket with this ID token (someone other than the demo agent). */
  static async connectWith(token: string): Promise<Agent> {
    return new Agent(await command<string>('agent:connect', { token }));
  }
  join(room: string) {
    return command<ServerEvent>('agent:join', { id: this.id, roomId: room });
  }
  say(room: string, text: string) {
    return command<Message>('agent:send', { id: this.id, roomId: room, text });
  }
  typing(room: string, isTyping: boolean) {
    return command<boolean>('agent:typing', { id: this.id, roomId: room, isTyping });
  }
  waitFor<E extends ServerEvent['type']>(type: E, text?: string) {
    return command<Extract<ServerEvent, { type: E }>>('agent:wait', { id: this.id, type, ...(text !== undefined && { text }) });
  }
  events() {
    return command<ServerEvent[]>('agent:events', { id: this.id });
  }
  close() {
    return command<boolean>('agent:close', { id: this.id });
  }
}

/** A visitor on the other end of the console, over a real WebSocket with a key of its own. */
export class Visitor {
  private constructor(
    readonly id: string,
    readonly roomId: string,
  ) {}
  static async connect(): Promise<Visitor> {
    const { id, roomId } = await command<{ id: string; roomId: string }>('visitor:connect');
    return new Visitor(id, roomId);
  }
  say(text: string) {
    return command<Message>('visitor:send', { id: this.id, text });
  }
  typing(isTyping: boolean) {
    return command<boolean>('visitor:typing', { id: this.id, isTyping });
  }
  read(seq: number) {
    return command<boolean>('visitor:read', { id: this.id, seq });
  }
  identify(profile: { name?: string; email?: string }) {
    return command<ServerEvent>('visitor:identify', { id: this.id, ...profile });
  }
  waitFor<E extends ServerEvent['type']>(type: E, text?: string) {
    return command<Extract<ServerEvent, { type: E }>>('visitor:wait', { id: this.id, type, ...(text !== undefined && { text }) });
  }
  events() {
    return command<ServerEvent[]>('visitor:events', { id: this.id });
  }
  close() {
    return command<boolean>('visitor:close', { id: this.id });
  }
}

/** The local stack's config.json, as a page gets it. */
export async function siteConfig(): Promise<SiteConfig> {
  return (await (await fetch('/config.json')).json()) as SiteConfig;
}

/** A Cognito user with a permanent password; `agent` puts them in the agents group. */
export const createUser = (user: { email: string; password: string; agent: boolean; name?: string }) =>
  command<boolean>('cognito:user', user);

/** `npm run agents -- add EMAIL` against the test stack; answers the temporary password it printed. */
export const addAgentWithCli = (email: string) => command<string>('cognito:cliAdd', { email });

/** An email address no other test uses. */
export const uniqueEmail = (name: string) => `${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;

export const DEMO_AGENT = { email: 'agent@example.com', password: 'Agent-Passw0rd!', name: 'Alex from Support' } as const;

/** Sends any frame on an Agent's or a Visitor's socket; answers the event of type `until` it brings, or the error. */
export const sendFrame = <E extends ServerEvent['type']>(socket: { id: string }, frame: Record<string, unknown>, until: E) =>
  command<Extract<ServerEvent, { type: E | 'error' }>>('socket:frame', { id: socket.id, frame, until });

/**
 * Sends a frame as the demo agent (an admin) over a connection of its own, closed after:
 * never the demo agent's own switch, which the other tests' availability depends on.
 */
export async function asAdmin<E extends ServerEvent['type']>(frame: Record<string, unknown>, until: E) {
  const admin = await Agent.connect();
  try {
    return await sendFrame(admin, frame, until);
  } finally {
    await admin.close();
  }
}

/** Waits until the socket has heard a `team` event in which an agent is (or is not) available; `from`: among its events from that index. */
export const heardTeam = (socket: { id: string }, available: boolean, from = 0) =>
  command<Extract<ServerEvent, { type: 'team' }>>('socket:team', { id: socket.id, available, from });

/** Sends any frame on an Agent's or a Visitor's socket, waiting for nothing. */
export const sendOnly = (socket: { id: string }, frame: Record<string, unknown>) =>
  command<boolean>('socket:send', { id: socket.id, frame });

/** Waits for an event of `type` (whose JSON holds `includes`, if given) among everything the socket heard from index `from`. */
export const heard = <E extends ServerEvent['type']>(socket: { id: string }, type: E, includes?: string, from = 0) =>
  command<Extract<ServerEvent, { type: E }>>('socket:waitFor', { id: socket.id, type, from, ...(includes !== undefined && { includes }) });

/**
 * An agent of their own over a real WebSocket: a user in the agents group with a permanent
 * password, named `name` (the server settles the name on `getTeam`, as a console does).
 */
export async function colleague(name: string): Promise<{ agent: Agent; email: string; password: string; agentId: string }> {
  const email = uniqueEmail(name.toLowerCase().replace(/\W+/g, '.'));
  const password = 'Colleague-Passw0rd!';
  await createUser({ email, password, agent: true, name });
  const token = await command<string>('agent:tokenOf', { email, password });
  const agent = await Agent.connectWith(token);
  const team = await sendFrame(agent, { action: 'getTeam' }, 'team');
  if (team.type !== 'team' || !team.me) throw new Error(`getTeam: ${JSON.stringify(team)}`);
  return { agent, email, password, agentId: team.me.agentId };
}

/** Browser-side helpers of the widget tests. */
import type { Message, RoomSummary, ServerEvent } from '@support-chat/backend/protocol';
import { executeServerCommand } from '@web/test-runner-commands';

export const command = <R>(name: string, payload: Record<string, unknown> = {}) => executeServerCommand<R, Record<string, unknown>>(name, payload);

/** The local stack's WebSocket endpoint, from the test server's /config.json. */
export async function endpoint(): Promise<string> {
  const config = (await (await fetch('/config.json')).json()) as { websocketUrl: string };
  return config.websocketUrl;
}

/** An endpoint nothing listens on: every connection attempt fails. */
export const DEAD_ENDPOINT = 'ws://127.0.0.1:9/';

/** Polls until `condition` holds (10 s at most), returning its value. */
export async function waitUntil<T>(condition: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
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
export const storedRoom = async (room: string) =>
  (await command<RoomSummary | false>('room:get', { roomId: room })) || undefined;
export const dropVisitors = (room: string) => command<number>('room:drop', { roomId: room });

/** A support agent on the other end, over a real WebSocket with a Cognito token. */
export class Agent {
  private constructor(readonly id: string) {}
  static async connect(): Promise<Agent> {
    return new Agent(await command<string>('agent:connect'));
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

import type { Message } from '@support-chat/backend/protocol';
import type { ConnectionState, ServerError } from '../client/chat-client.ts';

export interface SupportChatMessageDetail {
  message: Message;
  /** False for messages that came in a history page (on load or after a reconnect). */
  live: boolean;
}
export interface SupportChatConnectionDetail {
  state: ConnectionState;
}
export type SupportChatErrorDetail = ServerError;

/** The element's events and their details. */
export interface SupportChatEventMap {
  'support-chat-open': CustomEvent<Record<string, never>>;
  'support-chat-close': CustomEvent<Record<string, never>>;
  'support-chat-message': CustomEvent<SupportChatMessageDetail>;
  'support-chat-connection': CustomEvent<SupportChatConnectionDetail>;
  'support-chat-error': CustomEvent<SupportChatErrorDetail>;
}

/** Dispatches one of the element's events: they bubble, and leave its shadow root. */
export function fire<K extends keyof SupportChatEventMap>(host: HTMLElement, type: K, detail: SupportChatEventMap[K]['detail']): void {
  host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

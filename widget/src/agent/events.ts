import type { Message } from '@support-chat/backend/protocol';
import type { ConnectionState, ServerError } from '../client/chat-client.ts';

export interface SupportAgentConsoleSignInDetail {
  email: string;
  name: string;
}
export interface SupportAgentConsoleSelectDetail {
  roomId: string;
}
export interface SupportAgentConsoleMessageDetail {
  message: Message;
  /** False for messages that came in a history page. */
  live: boolean;
}
export interface SupportAgentConsoleConnectionDetail {
  state: ConnectionState;
}
export interface SupportAgentConsoleAttentionDetail {
  roomId: string;
  reason: 'new-conversation' | 'message';
  /** The visitor's name (or "Visitor") and the start of what they wrote. */
  title: string;
  text: string;
}
export type SupportAgentConsoleErrorDetail = ServerError;

/** The element's events and their details. */
export interface SupportAgentConsoleEventMap {
  'support-agent-console-sign-in': CustomEvent<SupportAgentConsoleSignInDetail>;
  'support-agent-console-sign-out': CustomEvent<Record<string, never>>;
  'support-agent-console-select': CustomEvent<SupportAgentConsoleSelectDetail>;
  'support-agent-console-message': CustomEvent<SupportAgentConsoleMessageDetail>;
  'support-agent-console-connection': CustomEvent<SupportAgentConsoleConnectionDetail>;
  'support-agent-console-attention': CustomEvent<SupportAgentConsoleAttentionDetail>;
  'support-agent-console-error': CustomEvent<SupportAgentConsoleErrorDetail>;
}

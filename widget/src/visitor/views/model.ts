import type { ChatClient } from '../../client/chat-client.ts';
import type { SupportChatStrings } from '../strings.ts';

/** What the panel's views show, and what their buttons and fields do: one model for the header, the log and the composer. */
export interface PanelModel {
  strings: SupportChatStrings;
  /** The texts' language, for times. */
  lang: string;
  /** The panel's title, which also names the log. */
  title: string;
  subtitle: string;
  /** The conversation and the connection; the log's buttons act on it. */
  client: ChatClient;
  /** Agents in the conversation, once the server has said. */
  agentsOnline: number | undefined;
  /** The server's latest refusal worth showing. */
  notice: string | undefined;
  /** The latest message number an agent has read, 0 for none. */
  agentReadSeq: number;
  closed: boolean;
  /** "Sam is typing…", or nothing. */
  typing: string | undefined;
  draft: string;
  download(): void;
  close(): void;
  dismiss(): void;
  /** The draft changed. */
  input(value: string): void;
  send(): void;
  stopTyping(): void;
}

import type { TemplateResult } from 'lit';
import type { ChatClient } from '../../client/chat-client.ts';
import type { VisitorFileViews } from '../files-loader.ts';
import type { SupportChatStrings } from '../strings.ts';

/** What the panel's views show, and what their buttons and fields do: one model for the header, the log and the composer. */
export interface PanelModel {
  strings: SupportChatStrings;
  /** The texts' language, for times. */
  lang: string;
  /** The conversation and the connection; the log's buttons act on it. */
  client: ChatClient;
  /** Files, once their code is here (see FilesLoader). */
  files: VisitorFileViews | undefined;
  /** The header's line: who handles the conversation, an agent in it, or the team's state ("Online · …", "Away · …"); none while unknown. */
  presence: string | undefined;
  /** "Jane is handling your chat", or nothing: said to screen readers when it changes. */
  handling: string | undefined;
  /** Whether someone is there to answer now (the line's green dot). */
  here: boolean;
  /** The server's latest refusal worth showing. */
  notice: string | undefined;
  /** A confirmation at the end of the conversation ("We emailed you…"). */
  note: string | undefined;
  /** The inline form at the end of the conversation (an email address for the reply, a name), or its confirmation. */
  ask: TemplateResult | undefined;
  /** The latest message number an agent has read, 0 for none. */
  agentReadSeq: number;
  closed: boolean;
  /** The rating card of a closed conversation that asks for one. */
  rating: unknown;
  /** "Sam is typing…", or nothing. */
  typing: string | undefined;
  download(): void;
  /** "Email me this conversation", where the deployment can send email. */
  emailMe: (() => void) | undefined;
  close(): void;
  dismiss(): void;
}

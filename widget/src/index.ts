/**
 * The package's ES module entry, for bundlers and frameworks: importing it defines
 * <support-chat>. The script-tag build starts from embed.ts instead.
 */
import './visitor/define.ts';

export {
  ChatClient,
  type ChatClientEventMap,
  type ChatClientOptions,
  type ConnectionState,
  type PendingMessage,
  type ServerError,
  type VisitorProfile,
} from './client/chat-client.ts';
export {
  SupportChat,
  type SupportChatConnectionDetail,
  type SupportChatErrorDetail,
  type SupportChatEventMap,
  type SupportChatMessageDetail,
  type SupportChatStrings,
} from './visitor/support-chat.ts';

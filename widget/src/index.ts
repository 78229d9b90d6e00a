/**
 * The package's ES module entry, for bundlers and frameworks: importing it defines
 * <support-chat>. The script-tag build starts from embed.ts instead.
 */
import './visitor/define.ts';

export {
  AttachmentUrlError,
  ChatClient,
  type ChatClientEventMap,
  type ChatClientOptions,
  ChatFiles,
  type ConnectionState,
  type FileRefusal,
  FileRefusedError,
  type PendingFile,
  type PendingMessage,
  type ServerError,
  type VisitorProfile,
} from './client/chat-client.ts';
export type { SupportChatFileStrings } from './visitor/file-strings.ts';
export {
  SupportChat,
  type SupportChatConnectionDetail,
  type SupportChatErrorDetail,
  type SupportChatEventMap,
  type SupportChatMessageDetail,
  type SupportChatStrings,
} from './visitor/support-chat.ts';

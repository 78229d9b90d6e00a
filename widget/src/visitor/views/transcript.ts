import type { Message } from '@support-chat/backend/protocol';
import type { PendingMessage } from '../../client/chat-client.ts';
import { stamp } from '../../shared/time.ts';
import { transcriptText, withFile } from '../../shared/transcript.ts';
import type { SupportChatStrings } from '../strings.ts';
import { senderName } from './log.ts';

/** The visitor's conversation as plain text: every message (a file by its name and size), then what is still going. */
export function visitorTranscript(s: SupportChatStrings, lang: string, messages: readonly Message[], pending: PendingMessage[]): string {
  return transcriptText(
    [`${s.transcript}: ${s.title}`, stamp(new Date().toISOString())],
    [
      ...messages.map((m) => ({ at: m.createdAt, who: senderName(m, s), text: withFile(m.text, m.attachment, lang) })),
      ...pending.map((p) => ({
        at: p.createdAt,
        who: `${s.you} (${p.status === 'failed' ? s.failed : s.sending})`,
        text: withFile(p.text, p.file, lang),
      })),
    ],
  );
}

import type { Message } from '@support-chat/backend/protocol';

/**
 * One room's messages as a client holds them: each once, in number order, with the
 * catch-up cursor (every message up to `syncedSeq` is here). Which frames fill it is the
 * client's business; this keeps the order and the cursor right.
 */
export class RoomTimeline {
  /** By number, each once. */
  readonly messages: Message[] = [];
  readonly #seqs = new Set<number>();
  /**
   * The catch-up cursor: every message up to this number (from the first page loaded on)
   * is here. Undefined until a first page has come.
   */
  syncedSeq?: number;
  hasOlder = false;

  /** Puts a message in its place by number; false when it is here already. */
  add(message: Message): boolean {
    if (this.#seqs.has(message.seq)) return false;
    this.#seqs.add(message.seq);
    const list = this.messages;
    if (list.length === 0 || list[list.length - 1]!.seq < message.seq) list.push(message);
    else {
      let i = list.length;
      while (i > 0 && list[i - 1]!.seq > message.seq) i--;
      list.splice(i, 0, message);
    }
    return true;
  }

  /** A stored message changed (its file's malware scan ended): it takes the old one's place. */
  replace(message: Message): void {
    const i = this.messages.findIndex((m) => m.seq === message.seq);
    if (i >= 0) this.messages[i] = message;
  }

  /**
   * Moves the cursor over every message held in a row after it; true while a newer message
   * waits beyond a gap (concurrent sends finish in any order, so one can come early).
   */
  advance(): boolean {
    if (this.syncedSeq === undefined) return false;
    while (this.#seqs.has(this.syncedSeq + 1)) this.syncedSeq++;
    return (this.messages.at(-1)?.seq ?? 0) > this.syncedSeq;
  }
}

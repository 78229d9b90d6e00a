import type { ErrorCode, ServerEvent } from '@support-chat/backend/protocol';

type Answer = Extract<ServerEvent, { type: 'attachmentUrl' }>;

interface Request {
  roomId: string | undefined;
  attachmentId: string;
  promise: Promise<string>;
  resolve(url: string): void;
  reject(error: Error): void;
}

/** What the links need of their client. */
export interface AttachmentLinksHost {
  /** Sends `attachmentUrl` now if the connection is open; false when it is not. */
  ask(roomId: string | undefined, attachmentId: string): boolean;
  /** A request went unanswered: the connection may be dead. */
  stale(): void;
  /** How long an answer may take. */
  answerMs: number;
}

/** The server refused a link (`not_found`: no such file here, or not yet checked). */
export class AttachmentUrlError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AttachmentUrlError';
  }
}

/** A link is handed out only with this much of its life left, so it still works when used. */
const SPARE_MS = 30_000;

/**
 * Short-lived links to files (`attachmentUrl`), each kept until shortly before it expires.
 * One request at a time: a refusal names no file, so only the order tells which request
 * it answers; it also keeps a long history of images under the connection's rate limit.
 */
export class AttachmentLinks {
  readonly #host: AttachmentLinksHost;
  readonly #links = new Map<string, { url: string; expires: number }>();
  readonly #queue: Request[] = [];
  #inflight: Request | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: AttachmentLinksHost) {
    this.#host = host;
  }

  /** The link kept for a file, while it has life enough left. */
  cached(attachmentId: string): string | undefined {
    const link = this.#links.get(attachmentId);
    return link && link.expires - SPARE_MS > Date.now() ? link.url : undefined;
  }

  get(roomId: string | undefined, attachmentId: string): Promise<string> {
    const cached = this.cached(attachmentId);
    if (cached) return Promise.resolve(cached);
    const waiting = [this.#inflight, ...this.#queue].find((r) => r?.attachmentId === attachmentId);
    if (waiting) return waiting.promise;
    let resolve!: (url: string) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<string>((yes, no) => {
      resolve = yes;
      reject = no;
    });
    this.#queue.push({ roomId, attachmentId, promise, resolve, reject });
    this.#next();
    return promise;
  }

  /** The file changed (a scan removed it): its link goes. */
  forget(attachmentId: string): void {
    this.#links.delete(attachmentId);
  }

  answered(answer: Answer): void {
    const request = this.#inflight;
    this.#links.set(answer.attachmentId, { url: answer.url, expires: Date.parse(answer.expiresAt) });
    if (request?.attachmentId !== answer.attachmentId) return;
    this.#settle();
    request.resolve(answer.url);
    this.#next();
  }

  /** A refusal of our `attachmentUrl`; answers whether it was one. */
  refused(error: { code: ErrorCode; message: string; action?: string }): boolean {
    const request = this.#inflight;
    if (error.action !== 'attachmentUrl' || !request) return false;
    this.#settle();
    if (error.code === 'rate_limited' || error.code === 'internal') {
      // Asked again a moment later, first in line.
      this.#queue.unshift(request);
      this.#timer = setTimeout(() => this.#next(), 1000);
      return true;
    }
    request.reject(new AttachmentUrlError(error.code, error.message));
    this.#next();
    return true;
  }

  /** A connection opened: the request lost with the old one goes again. */
  opened(): void {
    const request = this.#inflight;
    if (request) {
      this.#settle();
      this.#queue.unshift(request);
    }
    this.#next();
  }

  #next(): void {
    if (this.#inflight) return;
    const request = this.#queue[0];
    if (!request || !this.#host.ask(request.roomId, request.attachmentId)) return;
    this.#queue.shift();
    this.#inflight = request;
    this.#timer = setTimeout(() => {
      this.#host.stale();
      this.opened();
    }, this.#host.answerMs);
  }

  #settle(): void {
    clearTimeout(this.#timer);
    this.#inflight = undefined;
  }
}

import WebSocket from 'ws';
import type { ServerEvent } from '../../src/protocol/index.ts';

interface Waiter {
  match: (event: ServerEvent) => boolean;
  resolve: (event: ServerEvent) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * A lean WebSocket client for load: unlike the tests' TestSocket it keeps no history
 * (thousands of sockets, thousands of frames each), hands every frame to `onFrame` with
 * its arrival time, and lets a caller await one future event.
 */
export class BenchSocket {
  onFrame: ((frame: unknown, receivedAt: number) => void) | undefined;
  private readonly waiters = new Set<Waiter>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const receivedAt = performance.now();
      const text = data.toString();
      let frame: unknown;
      try {
        frame = JSON.parse(text);
      } catch {
        // The tutorial's baseline posts its text as it is: kept, but no event to wait for.
        this.onFrame?.(text, receivedAt);
        return;
      }
      this.onFrame?.(frame, receivedAt);
      for (const waiter of this.waiters) {
        const event = frame as ServerEvent;
        if (waiter.match(event)) this.settle(waiter, () => waiter.resolve(event));
        else if (event.type === 'error')
          this.settle(waiter, () => waiter.reject(new Error(`the server answered ${JSON.stringify(event)}`)));
      }
    });
    // A failure ends in 'close', where waiters are told; without a listener it would throw.
    ws.on('error', () => {});
    ws.on('close', () => {
      for (const waiter of this.waiters) this.settle(waiter, () => waiter.reject(new Error('the connection closed')));
    });
  }

  static open(url: string): Promise<BenchSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      ws.once('open', () => resolve(new BenchSocket(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`the upgrade was refused with HTTP ${res.statusCode}`)));
      ws.on('error', reject);
    });
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** Sends a frame and waits for the event that answers it; an `error` event fails it. */
  request<T extends ServerEvent>(frame: unknown, match: (event: ServerEvent) => event is T, timeoutMs = 60_000): Promise<T> {
    const answered = new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: resolve as (event: ServerEvent) => void,
        reject,
        timer: setTimeout(
          () => this.settle(waiter, () => reject(new Error(`no answer to ${JSON.stringify(frame)} within ${timeoutMs} ms`))),
          timeoutMs,
        ),
      };
      this.waiters.add(waiter);
    });
    this.send(frame);
    return answered;
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    const closed = new Promise<void>((resolve) => this.ws.once('close', () => resolve()));
    this.ws.close();
    return closed;
  }

  private settle(waiter: Waiter, outcome: () => void): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
    outcome();
  }
}

/** Runs `task` for every item, at most `limit` at a time. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

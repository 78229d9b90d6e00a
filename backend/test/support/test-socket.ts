import WebSocket from 'ws';
import type { ServerEvent, ServerEventOf, ServerEventType } from '../../src/protocol/index.ts';

/**
 * How long a test waits for an event that must come before calling it lost. A guard against
 * a hang, not a speed requirement (speed is the bench's): a shared two-core machine running
 * browsers beside the suite can hold a handler for seconds.
 */
export const WAIT_MS = 15_000;

/** A real WebSocket client that records every event, so a test can await the one it expects. */
export class TestSocket {
  readonly events: ServerEvent[] = [];
  private readonly waiters = new Set<() => void>();
  closeCode: number | undefined;
  readonly closed: Promise<number>;

  private constructor(
    readonly ws: WebSocket,
    private readonly handlersIdle?: () => Promise<void>,
  ) {
    ws.on('message', (data) => {
      this.events.push(JSON.parse(data.toString()) as ServerEvent);
      for (const wake of this.waiters) wake();
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
  }

  /** `handlersIdle`: resolves once the gateway runs no handler (the test stack's), for settle(). */
  static open(url: string, handlersIdle?: () => Promise<void>): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const socket = new TestSocket(ws, handlersIdle);
      ws.once('open', () => resolve(socket));
      ws.once('unexpected-response', (_req, res) => reject(new UpgradeRefused(res.statusCode ?? 0)));
      ws.once('error', reject);
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /**
   * The earliest event of a type (and matching `where`) not yet taken by an earlier call,
   * waiting for it if need be. Each event is taken once, so concurrent waiters with
   * different conditions each get their own.
   */
  async next<T extends ServerEventType>(type: T, where: (e: ServerEventOf<T>) => boolean = () => true): Promise<ServerEventOf<T>> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const index = this.events.findIndex((e, i) => !this.taken.has(i) && e.type === type && where(e as ServerEventOf<T>));
      if (index >= 0) {
        this.taken.add(index);
        return this.events[index] as ServerEventOf<T>;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`no "${type}" event within ${WAIT_MS} ms; got: ${JSON.stringify(this.events.map((e) => e.type))}`);
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  /** Sends a frame and returns the reply of the given type. */
  async request<T extends ServerEventType>(frame: unknown, type: T, where?: (e: ServerEventOf<T>) => boolean): Promise<ServerEventOf<T>> {
    this.send(frame);
    return this.next(type, where);
  }

  /** All events of a type received so far. */
  all<T extends ServerEventType>(type: T): ServerEventOf<T>[] {
    return this.events.filter((e) => e.type === type) as ServerEventOf<T>[];
  }

  /**
   * Waits until everything this socket's frames so far set off has happened: a ping's pong
   * says the gateway has received (and started handling) every earlier frame, the gateway
   * then says no handler is running, and a second pong says every event those handlers
   * posted here has arrived. Without the gateway's word (a socket opened on its own), a
   * pause stands in for it.
   */
  async settle(): Promise<void> {
    await this.roundTrip();
    if (this.handlersIdle) await this.handlersIdle();
    else await new Promise((resolve) => setTimeout(resolve, 250));
    await this.roundTrip();
  }

  private async roundTrip(): Promise<void> {
    const pongs = this.all('pong').length;
    this.send({ action: 'ping' });
    await this.next('pong', () => this.all('pong').length > pongs);
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
  }

  /** Indexes of events already handed out by next(). */
  private readonly taken = new Set<number>();
}

export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`the upgrade was refused with HTTP ${status}`);
    this.name = 'UpgradeRefused';
  }
}

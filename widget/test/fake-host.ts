import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A controller host without an element: it counts the renders asked for, and is put on and off the page by hand. */
export class FakeHost implements ReactiveControllerHost {
  readonly controllers = new Set<ReactiveController>();
  updates = 0;
  readonly updateComplete = Promise.resolve(true);

  addController(controller: ReactiveController): void {
    this.controllers.add(controller);
  }

  removeController(controller: ReactiveController): void {
    this.controllers.delete(controller);
  }

  requestUpdate(): void {
    this.updates++;
  }

  connect(): void {
    for (const controller of this.controllers) controller.hostConnected?.();
  }

  disconnect(): void {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }
}

/** Timers and Date.now under the test's control: `advance(ms)` runs what falls due, in order. */
export class FakeClock {
  now = 1_000_000;
  private timers = new Map<number, { at: number; run: () => void }>();
  private nextId = 1;
  private readonly saved = { setTimeout, clearTimeout, now: Date.now };

  install(): this {
    globalThis.setTimeout = ((run: () => void, ms = 0) => {
      const id = this.nextId++;
      this.timers.set(id, { at: this.now + ms, run });
      return id;
    }) as unknown as typeof setTimeout;
    globalThis.clearTimeout = ((id?: number) => void this.timers.delete(id as number)) as typeof clearTimeout;
    Date.now = () => this.now;
    return this;
  }

  uninstall(): void {
    globalThis.setTimeout = this.saved.setTimeout;
    globalThis.clearTimeout = this.saved.clearTimeout;
    Date.now = this.saved.now;
  }

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].run();
    }
    this.now = until;
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Getting the user's attention when something comes in while they are not looking: whether
 * the page is hidden, a render (and `onVisibility`) each time it is hidden or shown, and a
 * short sound once a click has allowed audio. The console's (agent/attention.ts) adds a
 * count in the page title and browser notifications.
 */
export class AttentionController implements ReactiveController {
  #audio: AudioContext | undefined;
  readonly #onVisibility: (() => void) | undefined;

  constructor(
    protected readonly host: ReactiveControllerHost,
    onVisibility?: () => void,
  ) {
    this.#onVisibility = onVisibility;
    host.addController(this);
  }

  /** The page is in a background tab or a minimised window. */
  get hidden(): boolean {
    return document.visibilityState === 'hidden';
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#listener);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#listener);
  }

  /** Lets sound play from now on: browsers allow audio only after a user's gesture, so call it from one. */
  unlockSound(): void {
    try {
      this.#audio ??= new AudioContext();
      void this.#audio.resume();
    } catch {
      // no sound then
    }
  }

  /** A short two-tone blip from an oscillator (no audio file to load), once sound is unlocked. */
  blip(): void {
    const ctx = this.#audio;
    if (ctx?.state !== 'running') return;
    const t = ctx.currentTime;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.setValueAtTime(660, t);
    osc.frequency.setValueAtTime(990, t + 0.09);
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.12, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.28);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t);
    osc.stop(t + 0.3);
  }

  /** The page was hidden, or shown again. */
  protected visibilityChanged(): void {
    this.host.requestUpdate();
    this.#onVisibility?.();
  }

  readonly #listener = () => this.visibilityChanged();
}

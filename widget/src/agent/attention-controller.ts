import { AttentionController } from '../shared/attention-controller.ts';

export type Permission = NotificationPermission | 'unsupported';

/**
 * The console's attention: a count in the page title of what came in while the page was
 * hidden ("(3) Support console", reset when it is seen again), and browser notifications
 * once the agent allows them.
 */
export class ConsoleAttentionController extends AttentionController {
  /** Whether the browser may show this site's notifications. */
  permission: Permission = typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
  #count = 0;
  #baseTitle: string | undefined;

  /**
   * Something came in. While the page is hidden: one more in the title, then, if
   * `announce` says so (the element's cancelable event), a notification whose click runs `open`.
   */
  arrived(what: { roomId: string; title: string; text: string }, announce: () => boolean, open: () => void): void {
    if (!this.hidden) return;
    this.#countInTitle();
    if (announce()) this.#notify(what.title, what.text, `support-chat-${what.roomId}`, open);
  }

  /** One more thing came in unseen. */
  #countInTitle(): void {
    this.#count++;
    this.#baseTitle ??= document.title;
    document.title = `(${this.#count}) ${this.#baseTitle}`;
  }

  resetTitle(): void {
    this.#count = 0;
    if (this.#baseTitle !== undefined) document.title = this.#baseTitle;
    this.#baseTitle = undefined;
  }

  /** Asks the browser to allow notifications (call it from a click). */
  async requestPermission(): Promise<Permission> {
    if (typeof Notification !== 'undefined') this.permission = await Notification.requestPermission();
    this.host.requestUpdate();
    return this.permission;
  }

  /** A notification, if allowed; a click on it focuses the page and runs `onClick`. */
  #notify(title: string, body: string, tag: string, onClick: () => void): void {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    try {
      const notification = new Notification(title, { body, tag });
      notification.onclick = () => {
        window.focus();
        onClick();
        notification.close();
      };
    } catch {
      // Some browsers only notify from a service worker; the title count remains.
    }
  }

  override hostDisconnected(): void {
    super.hostDisconnected();
    this.resetTitle();
  }

  protected override visibilityChanged(): void {
    if (!this.hidden) this.resetTitle();
    super.visibilityChanged();
  }
}

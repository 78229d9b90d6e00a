/**
 * The demo page's own script. It shows the command queue a site uses to talk to the
 * widget before (and after) support-chat.js has loaded, the same snippet as in the
 * widget's docs (docs/widget.md), here in an external module so the page needs no inline script.
 */
type SupportChatQueue = ((...args: unknown[]) => void) & { q?: unknown[][] };
const page = window as unknown as { SupportChat?: SupportChatQueue };

const queue: SupportChatQueue = (...args) => {
  queue.q ??= [];
  queue.q.push(args);
};
page.SupportChat ??= queue;

for (const button of document.querySelectorAll<HTMLElement>('[data-open-chat]')) {
  button.addEventListener('click', () => page.SupportChat!('open'));
}

for (const year of document.querySelectorAll('[data-year]')) year.textContent = String(new Date().getFullYear());

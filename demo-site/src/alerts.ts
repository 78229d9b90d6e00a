/**
 * The local "Agent alerts" page: what the local stack's SNS endpoint received (GET
 * /local/alerts, newest first), polled every few seconds. Rendered with textContent
 * only: an alert carries a visitor's words.
 */
import type { ReceivedAlert } from '@support-chat/backend/local/sns';

const POLL_MS = 3000;
const list = document.querySelector<HTMLOListElement>('#alerts')!;
const statusLine = document.querySelector<HTMLElement>('#status')!;
const empty = document.querySelector<HTMLElement>('#empty')!;
const unavailable = document.querySelector<HTMLElement>('#unavailable')!;
let shown = '';
let lastOk = 0;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const consoleLink = (alert: ReceivedAlert) => /https?:\/\/\S+#room=[\w-]+/.exec(alert.email ?? alert.default)?.[0];

function relative(iso: string): string {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ago`;
}

function render(alerts: ReceivedAlert[]): void {
  const key = alerts.map((a) => a.messageId).join();
  empty.hidden = alerts.length > 0;
  if (key === shown) {
    for (const time of list.querySelectorAll<HTMLTimeElement>('time[data-relative]')) time.textContent = relative(time.dateTime);
    return;
  }
  shown = key;
  list.replaceChildren(
    ...alerts.map((alert) => {
      const item = el('li', 'alert');
      const head = el('div', 'alert-head');
      head.append(el('h2', undefined, alert.subject ?? '(no subject)'));
      const time = el('time', undefined, relative(alert.receivedAt));
      time.dateTime = alert.receivedAt;
      time.dataset.relative = '';
      time.title = new Date(alert.receivedAt).toLocaleString();
      head.append(time);
      item.append(head);

      const link = consoleLink(alert);
      if (link) {
        const a = el('a', 'open', 'Open in the agent console');
        a.href = link;
        item.append(a);
      }

      const channels = el('div', 'channels');
      if (alert.sms) {
        const sms = el('section', 'channel sms');
        const label = el('h3', undefined, 'SMS');
        label.append(el('span', 'count', `${[...alert.sms].length}/160`));
        sms.append(label, el('p', 'phone', alert.sms));
        channels.append(sms);
      }
      const mail = el('section', 'channel email');
      mail.append(el('h3', undefined, 'Email'), el('pre', undefined, alert.email ?? alert.default));
      channels.append(mail);
      item.append(channels);
      return item;
    }),
  );
}

async function poll(): Promise<void> {
  try {
    const response = await fetch('/local/alerts', { cache: 'no-store' });
    if (response.status === 404) {
      unavailable.hidden = false;
      statusLine.textContent = 'No local stack here.';
      return;
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const alerts = (await response.json()) as ReceivedAlert[];
    render(alerts);
    lastOk = Date.now();
    statusLine.textContent = `${alerts.length} alert${alerts.length === 1 ? '' : 's'}, newest first · checking every ${POLL_MS / 1000} s`;
  } catch {
    statusLine.textContent = lastOk
      ? 'The local stack does not answer (stopped?). Retrying…'
      : 'Cannot load the alerts. Is npm start running? Retrying…';
  }
  setTimeout(() => void poll(), POLL_MS);
}

void poll();

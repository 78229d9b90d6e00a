/**
 * The local "Alerts and emails" page: what the local stack's SNS endpoint received (GET
 * /local/alerts, newest first) beside the emails its SES received (GET /local/mail.json,
 * oldest first, shown newest first), both polled every few seconds. Alerts are rendered
 * with textContent only (they carry a visitor's words); an email's HTML goes into a
 * sandboxed frame (`srcdoc`, no scripts) whose links open in a new tab.
 */
import type { ReceivedMail } from '@support-chat/backend/local/ses';
import type { ReceivedAlert } from '@support-chat/backend/local/sns';

const POLL_MS = 3000;
const list = document.querySelector<HTMLOListElement>('#alerts')!;
const statusLine = document.querySelector<HTMLElement>('#status')!;
const empty = document.querySelector<HTMLElement>('#empty')!;
const unavailable = document.querySelector<HTMLElement>('#unavailable')!;
const mailList = document.querySelector<HTMLOListElement>('#mails')!;
const mailStatus = document.querySelector<HTMLElement>('#mail-status')!;
const mailEmpty = document.querySelector<HTMLElement>('#mail-empty')!;
const mailUnavailable = document.querySelector<HTMLElement>('#mail-unavailable')!;
let shown = '';
let lastOk = 0;
let mailsShown = '';
let mailLastOk = 0;

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
      head.append(el('h3', undefined, alert.subject ?? '(no subject)'));
      head.append(timeElement(alert.receivedAt));
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
        const label = el('h4', undefined, 'SMS');
        label.append(el('span', 'count', `${[...alert.sms].length}/160`));
        sms.append(label, el('p', 'phone', alert.sms));
        channels.append(sms);
      }
      const mail = el('section', 'channel email');
      mail.append(el('h4', undefined, 'Email'), el('pre', undefined, alert.email ?? alert.default));
      channels.append(mail);
      item.append(channels);
      return item;
    }),
  );
}

function timeElement(iso: string): HTMLTimeElement {
  const time = el('time', undefined, relative(iso));
  time.dateTime = iso;
  time.dataset.relative = '';
  time.title = new Date(iso).toLocaleString();
  return time;
}

/**
 * The email's own HTML as a document for a sandboxed frame: its links open in a new tab
 * (a frame without scripts could not follow them itself), and nothing in it runs.
 */
function frameDocument(html: string): string {
  const base = '<base target="_blank"><meta name="referrer" content="no-referrer">';
  if (/<head[^>]*>/i.test(html)) return html.replace(/<head[^>]*>/i, (head) => head + base);
  if (/<html[^>]*>/i.test(html)) return html.replace(/<html[^>]*>/i, (tag) => `${tag}<head>${base}</head>`);
  return `<!doctype html><html><head>${base}</head><body>${html}</body></html>`;
}

function renderMails(mails: ReceivedMail[]): void {
  const newestFirst = [...mails].reverse();
  const key = newestFirst.map((m) => `${m.sentAt}|${m.subject}|${m.to.join()}`).join('\n');
  mailEmpty.hidden = mails.length > 0;
  if (key === mailsShown) {
    for (const time of mailList.querySelectorAll<HTMLTimeElement>('time[data-relative]')) time.textContent = relative(time.dateTime);
    return;
  }
  mailsShown = key;
  mailList.replaceChildren(
    ...newestFirst.map((mail) => {
      const item = el('li', 'alert mail');
      const head = el('div', 'alert-head');
      head.append(el('h3', undefined, mail.subject || '(no subject)'), timeElement(mail.sentAt));
      item.append(head, el('p', 'to', `To ${mail.to.join(', ') || '(nobody)'}`));
      if (mail.html) {
        const frame = el('iframe', 'mail-body');
        // No allow-scripts, no allow-same-origin: the email runs nothing and reaches nothing; its links may open tabs.
        frame.setAttribute('sandbox', 'allow-popups allow-popups-to-escape-sandbox');
        frame.title = `The email “${mail.subject}”`;
        frame.srcdoc = frameDocument(mail.html);
        item.append(frame);
        if (mail.text) {
          const text = el('details', 'mail-text');
          text.append(el('summary', undefined, 'Plain-text version'), el('pre', undefined, mail.text));
          item.append(text);
        }
      } else {
        item.append(el('pre', 'mail-plain', mail.text));
      }
      return item;
    }),
  );
}

async function pollMail(): Promise<void> {
  try {
    const response = await fetch('/local/mail.json', { cache: 'no-store' });
    if (response.status === 404) {
      mailUnavailable.hidden = false;
      mailStatus.textContent = 'No local stack here.';
      return;
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const mails = (await response.json()) as ReceivedMail[];
    renderMails(mails);
    mailLastOk = Date.now();
    mailStatus.textContent = `${mails.length} email${mails.length === 1 ? '' : 's'}, newest first · checking every ${POLL_MS / 1000} s`;
  } catch {
    mailStatus.textContent = mailLastOk
      ? 'The local stack does not answer (stopped?). Retrying…'
      : 'Cannot load the emails. Is npm start running? Retrying…';
  }
  setTimeout(() => void pollMail(), POLL_MS);
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
void pollMail();

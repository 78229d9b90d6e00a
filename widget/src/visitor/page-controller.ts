import type { ContextFrame } from '@support-chat/backend/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatClient } from '../client/chat-client.ts';

/** A router's burst (a pushState, then the title; popstate with navigatesuccess) settles within this, and is told once. */
const SETTLE_MS = 300;
/** What the `context` frame accepts (longer URLs are refused, so left out; titles are cut). */
const MAX_URL = 2048;
const MAX_TITLE = 200;
const EVENTS = ['popstate', 'hashchange'];

/** Only http(s) addresses of an accepted length: the server refuses others (a file:, an app's referrer). */
const web = (url: string) => (/^https?:\/\//.test(url) && url.length <= MAX_URL ? url : undefined);

/**
 * The page the visitor is on and where they came from, for the agents. An email's link
 * carries a token in the fragment (`#support-chat-resume=`): such a fragment is left out.
 */
function pageContext(): Pick<ContextFrame, 'page' | 'referrer'> {
  const here = new URL(location.href);
  if (here.hash.includes('support-chat-resume')) here.hash = '';
  const url = web(here.href);
  // Cut in UTF-16 units, as the server counts, without leaving half of an emoji.
  const title = document.title
    .trim()
    .slice(0, MAX_TITLE)
    .replace(/[\ud800-\udbff]$/, '');
  const referrer = web(document.referrer);
  return { ...(url && { page: { url, ...(title && { title }) } }), ...(referrer && { referrer }) };
}

/** What telling the agents needs of the element. */
export interface PageHost extends ReactiveControllerHost {
  readonly client: ChatClient;
}

/**
 * Tells the agents the visitor's language and time zone (for the automatic reply and the
 * emails), the page and the referrer: on every connection (so only once the visitor has
 * acted), and again when the visitor has moved to another page of a single-page app: on
 * `popstate`, `hashchange` and the Navigation API's `navigatesuccess` (where there is one),
 * and when the page says so (`note()`, for a router the browser does not report), once a
 * burst of them has settled. No polling, and `history` is left as it is.
 */
export class PageController implements ReactiveController {
  readonly #host: PageHost;
  readonly #lang: () => string;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The last `context` sent, so that a page change that changed nothing sends nothing. */
  #sent = '';

  constructor(host: PageHost, lang: () => string) {
    this.#host = host;
    this.#lang = lang;
    host.addController(this);
  }

  /** The page changed: the agents hear of it once the burst has settled. */
  readonly note = () => {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.send(false), SETTLE_MS);
  };

  /** Sends the `context` frame: `always` on a new connection, else only when it changed. */
  send(always: boolean): void {
    const frame: ContextFrame = {
      action: 'context',
      lang: this.#lang(),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      ...pageContext(),
    };
    const json = JSON.stringify(frame);
    if ((always || json !== this.#sent) && this.#host.client.send(frame)) this.#sent = json;
  }

  hostConnected(): void {
    for (const type of EVENTS) addEventListener(type, this.note);
    navigation()?.addEventListener('navigatesuccess', this.note);
  }

  hostDisconnected(): void {
    for (const type of EVENTS) removeEventListener(type, this.note);
    navigation()?.removeEventListener('navigatesuccess', this.note);
    clearTimeout(this.#timer);
  }
}

/** The Navigation API's `navigation`, where the browser has it (Chromium does): it also reports a router's pushState. */
const navigation = () => (window as { navigation?: EventTarget }).navigation;

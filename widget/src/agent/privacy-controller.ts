import type { ExportedFileLink, PersonCounts, PersonRef, PersonSelectorKind, ServerEvent } from '@support-chat/backend/protocol';
import type { ReactiveControllerHost } from 'lit';
import type { ServerError } from '../client/chat-client.ts';
import type { SendFrame, ServerListener } from './server-listener.ts';

type PrivacyAction = 'findPerson' | 'exportPerson' | 'erasePerson';
const ACTIONS: ReadonlySet<string> = new Set<PrivacyAction>(['findPerson', 'exportPerson', 'erasePerson']);

/** An export the server sent: its JSON text (saved as a file at once) and links to the person's files. */
export interface PrivacyExport {
  selector: PersonRef;
  data: string;
  files: ExportedFileLink[];
}

/**
 * The admins' privacy page: find a person (by a room id, an email or a customer id), see
 * what is stored about them, download it, and erase it. Each request waits for its answer;
 * a refusal keeps the server's sentence. An export is saved as a JSON file the moment it
 * comes (`save`); its files are links, good for 5 minutes.
 */
export class PrivacyController implements ServerListener {
  kind: PersonSelectorKind = 'email';
  value = '';
  /** What the server found for the selector it was asked. */
  found: { selector: PersonRef; roomIds: string[]; counts: PersonCounts } | undefined;
  exported: PrivacyExport | undefined;
  /** What the last erasure deleted. */
  erased: { selector: PersonRef; counts: PersonCounts } | undefined;
  pending: PrivacyAction | undefined;
  refusal: string | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #send: SendFrame;
  readonly #save: (fileName: string, json: string) => void;

  constructor(host: ReactiveControllerHost, send: SendFrame, save: (fileName: string, json: string) => void) {
    this.#host = host;
    this.#send = send;
    this.#save = save;
  }

  /** The selector as typed. */
  get selector(): PersonRef {
    return { kind: this.kind, value: this.value.trim() };
  }

  edit(kind: PersonSelectorKind, value: string): void {
    this.kind = kind;
    this.value = value;
    this.#host.requestUpdate();
  }

  find(): void {
    this.#request({ action: 'findPerson', selector: this.selector });
  }

  /** Exports the person found. */
  export(): void {
    if (this.found) this.#request({ action: 'exportPerson', selector: this.found.selector });
  }

  /** Erases the person found (the console asked first). */
  erase(): void {
    if (this.found) this.#request({ action: 'erasePerson', selector: this.found.selector });
  }

  event(event: ServerEvent): void {
    if (event.type === 'person' && this.pending === 'findPerson') {
      this.found = { selector: event.selector, roomIds: event.roomIds, counts: event.counts };
    } else if (event.type === 'personExport' && this.pending === 'exportPerson') {
      this.exported = { selector: event.selector, data: event.data, files: event.files };
      this.#save(`privacy-export-${event.selector.kind}-${new Date().toISOString().slice(0, 10)}.json`, event.data);
    } else if (event.type === 'personErased' && this.pending === 'erasePerson') {
      this.erased = { selector: event.selector, counts: event.counts };
      this.found = undefined;
      this.exported = undefined;
    } else {
      return;
    }
    this.pending = undefined;
    this.#host.requestUpdate();
  }

  refused(error: ServerError): boolean {
    if (!error.action || !ACTIONS.has(error.action)) return false;
    this.refusal = error.message;
    this.pending = undefined;
    this.#host.requestUpdate();
    return true;
  }

  reset(): void {
    this.found = this.exported = this.erased = this.pending = this.refusal = undefined;
    this.value = '';
  }

  #request(frame: { action: PrivacyAction; selector: PersonRef }): void {
    this.refusal = undefined;
    this.erased = frame.action === 'findPerson' ? undefined : this.erased;
    if (frame.action === 'findPerson') this.exported = undefined;
    if (!this.#send(frame)) {
      this.refusal = '';
    } else {
      this.pending = frame.action;
    }
    this.#host.requestUpdate();
  }
}

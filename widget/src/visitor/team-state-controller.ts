import type { Message, ServerEvent, TeamStatus } from '@support-chat/backend/protocol';
import type { Availability } from '@support-chat/backend/protocol/team';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConnectionState } from '../client/chat-client.ts';
import { format } from '../shared/format.ts';
import type { TypingController } from '../shared/typing-controller.ts';
import type { ChunkLoader } from './chunk-loader.ts';
import type { SupportChatStrings } from './strings.ts';
import { teamLine } from './team-line.ts';
import type { PanelModel } from './views/model.ts';

/** The agents' typing, under one key: the visitor sees that someone is writing back. */
const AGENTS = 'agent';
/** A quarter hour: every opening and closing falls on one (the hours are on quarter hours, and so is every time zone's offset). */
const QUARTER_MS = 900_000;

/**
 * The other side of the conversation as the visitor sees it: the team's settings, hours
 * and availability (from `{publicApiUrl}/team.json` before the visitor connects, then from
 * the server's `team` events), the agents in the conversation, who handles it, whether one
 * is typing, and whether an agent closed it. Renders again when the hours open or close.
 */
export class TeamStateController implements ReactiveController {
  /** The team's settings and availability; undefined until known. */
  status: TeamStatus | undefined;
  /** Open or closed by the hours, at the last render. */
  availability: Availability | undefined;
  /** The name of the agent handling the conversation (the server's `assigned`). */
  assignee: string | undefined;
  agentsOnline: number | undefined;
  /** An agent closed the conversation (until either side reopens it). */
  closed = false;
  /**
   * Between the `presence` that follows a history page and the `team` after it: an
   * `assigned` comes in between when someone handles the conversation, else nobody does.
   */
  #assignment = false;
  #now = 0;
  #hoursTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #api: () => Promise<string>;
  readonly #chunks: ChunkLoader;
  readonly #typing: TypingController;

  constructor(host: ReactiveControllerHost & HTMLElement, api: () => Promise<string>, chunks: ChunkLoader, typing: TypingController) {
    this.#host = host;
    this.#api = api;
    this.#chunks = chunks;
    this.#typing = typing;
    host.addController(this);
  }

  /** Nobody answers now (the hours are closed, or every agent is away): the team's rule for after hours applies. */
  away = false;

  hostConnected(): void {
    // The team's hours and availability, before the visitor connects.
    this.#api()
      .then((api) => fetch(`${api}/team.json`, { credentials: 'omit' }))
      .then((r) => r.json())
      .then((team: TeamStatus) => {
        this.status ??= team;
        this.#rerender();
      }, this.#rerender);
  }

  hostDisconnected(): void {
    clearTimeout(this.#hoursTimer);
  }

  hostUpdate(): void {
    const now = Date.now();
    this.#now = now;
    this.availability = this.status && this.#availability(this.status, now);
    this.away = !!this.availability && !this.availability.available;
    // The hours open and close on quarter hours: look again at the next one (the clock needs no tick in between).
    clearTimeout(this.#hoursTimer);
    if (this.status && this.#host.isConnected) this.#hoursTimer = setTimeout(this.#rerender, QUARTER_MS - (now % QUARTER_MS) + 50);
  }

  /**
   * Whether the team is available: where it has hours, by the hours chunk (unknown until
   * it is here, as before team.json; "Online" as agents are, if it never comes); else
   * whenever an agent is.
   */
  #availability(status: TeamStatus, now: number): Availability | undefined {
    const agents: Availability = { available: status.agents.available, inHours: false };
    if (!Object.values(status.settings.hours.weekly).some((spans) => spans?.length)) return agents;
    const hours = this.#chunks.get('hours');
    return hours ? hours.teamAvailability(status, now) : this.#chunks.failed('hours') ? agents : undefined;
  }

  /** A message in the conversation: an agent's ends their typing; the visitor's reopens a closed conversation. */
  message(message: Message): void {
    if (message.sender.role === 'agent') this.#typing.show(AGENTS, undefined);
    else if (message.sender.role === 'visitor') this.closed = false;
  }

  /** Folds in what the server says of the conversation and the team. */
  event(event: ServerEvent): void {
    // An agent without a name is typing as `agent` says, in the language of the moment.
    if (event.type === 'typing' && event.role === 'agent') this.#typing.show(AGENTS, event.isTyping ? (event.name ?? '') : undefined);
    else if (event.type === 'presence') {
      this.agentsOnline = event.agentsOnline;
      // After history: whether the conversation was closed, so the notice survives a reload.
      if (event.status) {
        this.closed = event.status === 'closed';
        this.#assignment = true;
      }
    } else if (event.type === 'assigned') {
      this.assignee = event.name;
      this.#assignment = false;
    }
    // An agent closed or reopened it (as the visitor's next message does).
    else if (event.type === 'roomClosed' || event.type === 'roomReopened') this.closed = event.type === 'roomClosed';
    else if (event.type === 'team') {
      // The state after a history page is complete: no `assigned` in it means nobody handles the conversation.
      if (this.#assignment) this.assignee = undefined;
      this.#assignment = false;
      this.status = event.status;
    }
  }

  /**
   * The header's line: who handles the conversation ("Jane is handling your chat", never
   * beside the closed notice), an agent in it, or the team's state; none while the
   * connection is lost (unknown then: none rather than a stale one). And the log's: an
   * agent typing.
   */
  line(s: SupportChatStrings, lang: string, state: ConnectionState): Pick<PanelModel, 'presence' | 'here' | 'handling' | 'typing'> {
    const { availability } = this;
    const typist = this.#typing.names()[0];
    const agentHere = !!this.agentsOnline && state === 'open' && !this.closed;
    const handling = this.assignee && !this.closed ? format(s.handling, { name: this.assignee }) : undefined;
    return {
      presence:
        state === 'reconnecting' || state === 'offline'
          ? undefined
          : (handling ?? (agentHere ? s.agentHere : availability && teamLine(this.status!, availability, s, lang, this.#back(s, lang)))),
      here: agentHere || !!availability?.available,
      handling,
      typing: typist === undefined ? undefined : format(s.typing, { name: typist || s.agent }),
    };
  }

  /** When the team is back, in words: the hours chunk's (a next opening comes from it). */
  #back(s: SupportChatStrings, lang: string): (at: number) => string | undefined {
    return (at) => this.#chunks.get('hours')?.backAt(at, s, lang, this.#now);
  }

  readonly #rerender = () => this.#host.requestUpdate();
}

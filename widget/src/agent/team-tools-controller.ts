import type { ReactiveElement } from 'lit';
import { format } from '../shared/format.ts';
import { downloadText } from '../shared/transcript.ts';
import type { Me } from './conversation-controller.ts';
import { CopyController } from './copy-controller.ts';
import type { ModalController } from './modal-controller.ts';
import { PrivacyController } from './privacy-controller.ts';
import { RepliesController } from './replies-controller.ts';
import { RosterController } from './roster-controller.ts';
import type { SendFrame, ServerListener } from './server-listener.ts';
import type { SupportAgentConsoleStrings } from './strings.ts';
import type { TeamController } from './team-controller.ts';
import { agentsAdminView } from './views/agents-admin.ts';
import { privacyAdminView } from './views/privacy-admin.ts';
import { repliesAdminView } from './views/replies-admin.ts';

/**
 * The team's tools beside the conversations: its agents (the assign menu, avatars, the
 * agent's own profile; for admins, invitations, roles and removals) and its saved replies
 * (the composer's `/` list; for admins, their editor), with the settings pages that
 * manage them, and the admins' privacy page. Removals and deletions ask first, in the console's dialog.
 */
export class TeamToolsController {
  readonly roster: RosterController;
  readonly replies: RepliesController;
  readonly privacy: PrivacyController;
  /** The parts that hear the server: see ServerListener. */
  readonly parts: ServerListener[];
  readonly #clipboard: CopyController;
  readonly #modal: ModalController;

  constructor(host: ReactiveElement, send: SendFrame, modal: ModalController) {
    this.roster = new RosterController(host, send);
    this.replies = new RepliesController(host, send);
    this.privacy = new PrivacyController(host, send, (fileName, json) => downloadText(host.renderRoot, fileName, json, 'application/json'));
    this.parts = [this.roster, this.replies, this.privacy];
    this.#clipboard = new CopyController(host);
    this.#modal = modal;
  }

  /** Who this console is: from the server (`team.me`, then the roster as they rename), else the ID token's name. */
  me(team: TeamController, tokenName = ''): Me & { color: string | undefined } {
    const listed = this.roster.get(team.me?.agentId);
    return { agentId: team.me?.agentId, name: listed?.name ?? team.me?.name ?? tokenName, admin: team.admin, color: listed?.color };
  }

  /** The agent opens their profile: a fresh editor. */
  openProfile(): void {
    this.roster.clearProfileState();
    this.#modal.profile();
  }

  /** The admins' saved-replies page. */
  repliesPage(s: SupportAgentConsoleStrings) {
    return repliesAdminView({
      strings: s,
      replies: this.replies,
      confirmDelete: (reply) =>
        this.#modal.confirm({
          title: format(s.deleteReplyTitle, { shortcut: reply.shortcut }),
          message: format(s.deleteReplyConfirm, { title: reply.title }),
          confirm: s.deleteReply,
          danger: true,
          run: () => this.replies.delete(reply.id),
        }),
    });
  }

  /** The admins' privacy page: find, export and (after asking) erase one person's data. */
  privacyPage(s: SupportAgentConsoleStrings) {
    return privacyAdminView({
      strings: s,
      privacy: this.privacy,
      confirmErase: () =>
        this.#modal.confirm({
          title: s.privacyEraseTitle,
          message: format(s.privacyEraseConfirm, { n: this.privacy.found?.roomIds.length ?? 0 }),
          confirm: s.privacyErase.replace('…', ''),
          danger: true,
          run: () => this.privacy.erase(),
        }),
    });
  }

  /** The admins' agents page; `me`: this admin, who can neither remove themselves nor revoke their own role. */
  agentsPage(s: SupportAgentConsoleStrings, me: string | undefined) {
    return agentsAdminView({
      strings: s,
      roster: this.roster,
      me,
      copied: this.#clipboard.copied,
      copy: (text) => void this.#clipboard.copy(text),
      confirmRemove: (agent) =>
        this.#modal.confirm({
          title: format(s.removeAgentTitle, { name: agent.name }),
          message: format(s.removeAgentConfirm, { email: agent.email }),
          confirm: s.removeAgent,
          danger: true,
          run: () => this.roster.remove(agent.agentId),
        }),
    });
  }
}

import type { ReactiveControllerHost } from 'lit';
import type { FocusController } from './focus-controller.ts';
import type { HashRouteController, SettingsPage } from './hash-route-controller.ts';
import { ReportsController } from './reports-controller.ts';
import type { SendFrame } from './server-listener.ts';
import { SettingsFormController } from './settings-form-controller.ts';
import type { SupportAgentConsoleStrings } from './strings.ts';
import type { TeamController } from './team-controller.ts';
import type { TeamToolsController } from './team-tools-controller.ts';
import { reportsView } from './views/reports.ts';
import { settingsView } from './views/settings.ts';

/** What the workspace shows below the top bar. */
export type Shown = 'conversations' | 'settings' | 'reports';

export interface ScreensOptions {
  send: SendFrame;
  route: HashRouteController;
  focus: FocusController;
  team: TeamController;
  tools: TeamToolsController;
  /** The console shows (not a sign-in screen). */
  showing(): boolean;
}

/**
 * The screens in place of the conversations: the team settings, for admins (`#settings`,
 * each page but the first at its own address below it), and the reports, for every agent
 * (`#reports`). Which one shows (see HashRouteController), the way there and back with the
 * focus on the screen's heading, then on the top bar's button that opened it, and the
 * screens' own state: the settings' form and the reports' range and figures.
 */
export class ScreensController {
  readonly settings: SettingsFormController;
  readonly reports: ReportsController;
  readonly #options: ScreensOptions;

  constructor(host: ReactiveControllerHost & { renderRoot: ParentNode }, options: ScreensOptions) {
    this.#options = options;
    this.settings = new SettingsFormController(host, options.send);
    this.reports = new ReportsController(host, {
      send: options.send,
      shown: () => options.showing() && this.shown === 'reports',
      timeZone: () => options.team.status?.settings.hours.timeZone,
      now: () => Date.now(),
    });
  }

  /** The screen shown: the settings only to an admin, whatever the address asks for. */
  get shown(): Shown {
    const { route, team } = this.#options;
    if (route.settings && team.admin) return 'settings';
    return route.reports ? 'reports' : 'conversations';
  }

  openSettings(): void {
    this.#options.route.openSettings();
    this.#options.focus.after('.settings h2');
  }

  openReports(): void {
    this.#options.route.openReports();
    this.#options.focus.after('.reports h2');
  }

  /** The screen shown, or undefined while the conversations show. */
  render(s: SupportAgentConsoleStrings, now: number) {
    const { route, team, tools } = this.#options;
    switch (this.shown) {
      case 'settings':
        return settingsView({
          strings: s,
          form: this.settings,
          status: team.status,
          now,
          page: route.settingsPage ?? 'team',
          selectPage: (page) => this.#selectPage(page),
          back: () => this.#close('.settings-entry'),
          replies: () => tools.repliesPage(s),
          agents: () => tools.agentsPage(s, team.me?.agentId),
          privacy: () => tools.privacyPage(s),
        });
      case 'reports':
        return reportsView({ strings: s, reports: this.reports, back: () => this.#close('.reports-entry') });
      default:
        return undefined;
    }
  }

  #selectPage(page: SettingsPage): void {
    this.#options.route.showScreen(page);
    // The agents' page shows who is online now.
    if (page === 'agents') this.#options.tools.roster.refresh();
  }

  /** Back to the conversations, the focus on the button that opened the screen. */
  #close(entry: '.settings-entry' | '.reports-entry'): void {
    this.#options.route.closeScreen();
    this.#options.focus.after(entry);
  }
}

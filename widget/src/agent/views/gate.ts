import { html, nothing, type TemplateResult } from 'lit';
import { format } from '../../shared/format.ts';
import { ICON_LOCK, ICON_WARN, icon } from '../../shared/icons.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';
import { brand } from './topbar.ts';

/** The screens before the workspace. */
export type GateScreen = 'loading' | 'config-error' | 'sign-in' | 'new-password' | 'not-agent';

/** What the sign-in, new-password and not-an-agent screens show, and what their forms do. */
export interface GateModel {
  strings: SupportAgentConsoleStrings;
  screen: GateScreen;
  busy: boolean;
  formError: string | undefined;
  revealPassword: boolean;
  /** The config.json address and what was wrong with it, for `config-error`. */
  configUrl: string;
  configProblem: string;
  /** The address the new password is for. */
  challengeEmail: string;
  /** The signed-in address that is not an agent's. */
  notAgentEmail: string;
  /** Against the local stack: a note on the demo agent (and a link to its alerts page). */
  local: boolean;
  alertsUrl: string;
  retry(): void;
  onSignIn(event: SubmitEvent): void;
  onNewPassword(event: SubmitEvent): void;
  toggleRevealPassword(): void;
  backToSignIn(): void;
  useAnotherAccount(): void;
}

export function gateView(m: GateModel) {
  const s = m.strings;
  let body: TemplateResult;
  switch (m.screen) {
    case 'loading':
      body = html`<p class="gate-loading" role="status">${s.loading}</p>`;
      break;
    case 'config-error':
      body = html`
        <div class="gate-icon warn">${icon(ICON_WARN, 22)}</div>
        <p class="form-error" role="alert">${format(s.configError, { url: m.configUrl, message: m.configProblem })}</p>
        <button class="primary wide" @click=${() => m.retry()}>${s.retry}</button>
      `;
      break;
    case 'new-password':
      body = newPassword(m);
      break;
    case 'not-agent':
      body = notAgent(m);
      break;
    default:
      body = signIn(m);
  }
  return html`
    <main class="gate" part="gate">
      <div class="gate-inner">
        ${brand(s)}
        <section class="card" part="card">${body}</section>
        ${m.local && m.screen === 'sign-in' ? localNote(m) : nothing}
      </div>
    </main>
  `;
}

function localNote(m: GateModel) {
  const s = m.strings;
  return html`
    <p class="local-note">
      <span class="chip">${s.localStack}</span>
      <span>${s.localDemoAgent}</span>
      ${m.alertsUrl ? html`<a href=${m.alertsUrl}>${s.localAlerts}</a>` : nothing}
    </p>
  `;
}

function formError(m: GateModel) {
  return m.formError ? html`<p class="form-error" role="alert">${icon(ICON_WARN, 16)}<span>${m.formError}</span></p>` : nothing;
}

function signIn(m: GateModel) {
  const s = m.strings;
  return html`
    <form class="gate-form" @submit=${m.onSignIn}>
      <h1>${s.signInTitle}</h1>
      <p class="lead">${s.signInLead}</p>
      ${formError(m)}
      <label for="email">${s.email}</label>
      <input id="email" name="email" type="email" autocomplete="username" required ?disabled=${m.busy} />
      <label for="password">${s.password}</label>
      <div class="password">
        <input id="password" name="password" type=${m.revealPassword ? 'text' : 'password'} autocomplete="current-password" required ?disabled=${m.busy} />
        <button
          type="button"
          class="reveal"
          aria-pressed=${m.revealPassword ? 'true' : 'false'}
          @click=${() => m.toggleRevealPassword()}
        >
          ${m.revealPassword ? s.hidePassword : s.showPassword}
        </button>
      </div>
      <button class="primary wide" type="submit" ?disabled=${m.busy}>${m.busy ? s.signingIn : s.signIn}</button>
    </form>
  `;
}

function newPassword(m: GateModel) {
  const s = m.strings;
  return html`
    <form class="gate-form" @submit=${m.onNewPassword}>
      <div class="gate-icon">${icon(ICON_LOCK, 22)}</div>
      <h1>${s.newPasswordTitle}</h1>
      <p class="lead">${format(s.newPasswordLead, { email: m.challengeEmail })}</p>
      ${formError(m)}
      <input type="email" name="username" autocomplete="username" .value=${m.challengeEmail} hidden />
      <label for="new-password">${s.newPassword}</label>
      <input id="new-password" name="new-password" type="password" autocomplete="new-password" required aria-describedby="password-hint" ?disabled=${m.busy} />
      <p class="hint" id="password-hint">${s.passwordHint}</p>
      <label for="confirm-password">${s.confirmPassword}</label>
      <input id="confirm-password" name="confirm-password" type="password" autocomplete="new-password" required ?disabled=${m.busy} />
      <button class="primary wide" type="submit" ?disabled=${m.busy}>${m.busy ? s.signingIn : s.setPassword}</button>
      <button class="link" type="button" @click=${() => m.backToSignIn()}>${s.backToSignIn}</button>
    </form>
  `;
}

function notAgent(m: GateModel) {
  const s = m.strings;
  const email = m.notAgentEmail;
  return html`
    <div class="gate-form" role="alert">
      <div class="gate-icon warn">${icon(ICON_WARN, 22)}</div>
      <h1 tabindex="-1">${s.notAgentTitle}</h1>
      <p class="lead">${format(s.notAgentLead, { email })}</p>
      <p class="lead">${s.notAgentAsk}</p>
      <pre class="command"><code>${format(s.notAgentCommand, { email })}</code></pre>
      <button class="primary wide" @click=${() => m.useAnotherAccount()}>${s.useAnotherAccount}</button>
    </div>
  `;
}

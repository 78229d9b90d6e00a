import { alertTexts } from './alert-texts.ts';
import { escapeHtml } from './escape-html.ts';
import type { AgentNotifier, AlertInput, MailSender } from './ports.ts';

/** An agent's own alert for their assigned conversation, by email through the deployment's sender. */
export class MailAgentNotifier implements AgentNotifier {
  constructor(
    private readonly mail: MailSender,
    private readonly agentConsoleUrl: string,
  ) {}

  async notify(agent: { email: string; name: string }, alert: AlertInput): Promise<void> {
    const texts = alertTexts(alert, this.agentConsoleUrl);
    await this.mail.send({
      to: agent.email,
      subject: texts.subject,
      text: `Hello ${agent.name}, a conversation assigned to you needs you.\n\n${texts.email}`,
      html: `<p>Hello ${escapeHtml(agent.name)}, a conversation assigned to you needs you.</p><pre style="font-family:inherit;white-space:pre-wrap">${escapeHtml(texts.email)}</pre>`,
    });
  }
}

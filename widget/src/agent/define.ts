import { SupportAgentConsole, type SupportAgentConsoleEventMap } from './support-agent-console.ts';

/** Registers <support-agent-console> once. A module of its own, so the visitor's bundle never carries the console or Cognito. */
if (!customElements.get('support-agent-console')) customElements.define('support-agent-console', SupportAgentConsole);

declare global {
  interface HTMLElementTagNameMap {
    'support-agent-console': SupportAgentConsole;
  }
  interface GlobalEventHandlersEventMap {
    'support-agent-console-sign-in': SupportAgentConsoleEventMap['support-agent-console-sign-in'];
    'support-agent-console-sign-out': SupportAgentConsoleEventMap['support-agent-console-sign-out'];
    'support-agent-console-select': SupportAgentConsoleEventMap['support-agent-console-select'];
    'support-agent-console-message': SupportAgentConsoleEventMap['support-agent-console-message'];
    'support-agent-console-connection': SupportAgentConsoleEventMap['support-agent-console-connection'];
    'support-agent-console-attention': SupportAgentConsoleEventMap['support-agent-console-attention'];
    'support-agent-console-error': SupportAgentConsoleEventMap['support-agent-console-error'];
  }
}

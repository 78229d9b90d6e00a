/**
 * The agent console's entry: importing it defines <support-agent-console>. The script-tag
 * build (dist/support-agent-console.js) starts here too; it is a bundle of its own, so
 * the visitors' support-chat.js stays small and free of Cognito.
 */
import './agent/define.ts';

export {
  type AgentIdentity,
  AgentSession,
  type AgentSessionConfig,
  AgentSessionError,
  type AgentSessionErrorCode,
  type AgentSessionOptions,
  type SignInResult,
} from './agent/agent-session.ts';
export {
  SupportAgentConsole,
  type SupportAgentConsoleAttentionDetail,
  type SupportAgentConsoleConnectionDetail,
  type SupportAgentConsoleErrorDetail,
  type SupportAgentConsoleEventMap,
  type SupportAgentConsoleMessageDetail,
  type SupportAgentConsoleSelectDetail,
  type SupportAgentConsoleSignInDetail,
  type SupportAgentConsoleStrings,
} from './agent/support-agent-console.ts';

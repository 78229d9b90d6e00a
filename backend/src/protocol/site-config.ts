/**
 * `config.json`: how a page finds the backend. One shape locally (written by the local
 * stack) and in production (written by the CDK stack from its outputs).
 */
export interface SiteConfig {
  /** wss://... in production, ws://... locally. */
  websocketUrl: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  /** Only for a Cognito stand-in (cognito-local); absent in production. */
  cognitoEndpoint?: string;
  /** Alerts link to `{agentConsoleUrl}#room={roomId}`. */
  agentConsoleUrl: string;
  /** The public HTTP API: `{publicApiUrl}/team.json`, the team's hours and availability. */
  publicApiUrl: string;
}

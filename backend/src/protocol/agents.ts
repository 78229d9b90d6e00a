/** The Cognito group whose members may connect as agents. */
export const AGENTS_GROUP = 'agents';
/** The Cognito group whose agents may change the team's settings. */
export const ADMINS_GROUP = 'admins';

/**
 * The name an agent goes by in a conversation, from the claims of their Cognito ID token:
 * `name`, else `given_name`, else one made from the email ("jane.doe@example.com" becomes
 * "Jane Doe"). The server stamps it on the agent's messages; the console shows the same.
 * No dependencies, so the console can import it.
 */
export function agentDisplayName(claims: Record<string, unknown>): string {
  if (typeof claims.name === 'string' && claims.name.trim()) return claims.name.trim();
  if (typeof claims.given_name === 'string' && claims.given_name.trim()) return claims.given_name.trim();
  if (typeof claims.email === 'string') {
    const fromEmail = claims.email
      .split('@')[0]!
      .split(/[._+-]+/)
      .filter(Boolean)
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(' ');
    if (fromEmail) return fromEmail;
  }
  return 'Agent';
}

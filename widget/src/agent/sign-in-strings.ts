/** The sign-in screens' texts (sign-in, the first sign-in's new password, not an agent, a configuration that did not load), in English: part of CONSOLE_STRINGS (strings.ts), overridable the same way. */
export const SIGN_IN_STRINGS = {
  // sign-in
  signInTitle: 'Sign in',
  signInLead: 'Answer your website’s visitors.',
  email: 'Email',
  password: 'Password',
  showPassword: 'Show password',
  hidePassword: 'Hide password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  wrongCredentials: 'Wrong email or password.',
  tooManyAttempts: 'Too many attempts. Wait a few minutes, then try again.',
  accountDisabled: 'This account is disabled. Ask an administrator.',
  passwordResetRequired: 'Your password was reset. Ask an administrator for a new temporary password.',
  unsupportedChallenge: 'This account needs a sign-in step (such as MFA) that the console does not support.',
  signInUnreachable: 'Can’t reach the sign-in service. Check your connection and try again.',
  signInFailed: 'Sign-in failed: {message}',
  sessionEnded: 'Your session has ended. Sign in again.',
  localStack: 'Local stack',
  localDemoAgent: 'Sign in as the demo agent that npm start prints.',
  localAlerts: 'Alerts and emails',

  // first sign-in
  newPasswordTitle: 'Choose your password',
  newPasswordLead: 'You signed in as {email} with a temporary password. Choose your own to continue.',
  newPassword: 'New password',
  confirmPassword: 'Repeat the new password',
  passwordHint: 'At least 12 characters, with upper- and lower-case letters, a digit and a symbol.',
  passwordsDiffer: 'The two passwords differ.',
  passwordPolicy: 'Cognito refused this password: {message}',
  challengeExpired: 'The sign-in took too long. Sign in again with the temporary password.',
  setPassword: 'Set password and sign in',
  backToSignIn: 'Back to sign-in',

  // not an agent
  notAgentTitle: 'This account is not an agent',
  notAgentLead: '{email} can sign in, but is not in the agents group, so the chat server refuses it.',
  notAgentAsk: 'Ask an administrator to add you:',
  notAgentCommand: 'npm run agents -- add {email}',
  useAnotherAccount: 'Sign in with another account',

  // configuration
  configError: 'The console could not load its configuration from {url}: {message}',
  retry: 'Retry',
};

/** Every text of <support-agent-console>, in English; override any with the `strings` property. `{name}`-style slots are filled in. */
export const CONSOLE_STRINGS = {
  product: 'Support console',
  loading: 'Loading…',

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
  localAlerts: 'Agent alerts',

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

  // top bar
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  connectionRefused: 'Can’t connect to the chat server. Retrying… If this goes on, sign out and in again.',
  notificationsOff: 'Enable notifications',
  notificationsOn: 'Notifications on',
  notificationsBlocked: 'Notifications blocked',
  notificationsBlockedHelp: 'Notifications are blocked for this site in the browser’s settings.',
  notificationsUnsupported: 'This browser cannot show notifications.',
  signOut: 'Sign out',
  account: 'Signed in as {name}',

  // inbox
  inbox: 'Conversations',
  open: 'Open',
  closed: 'Closed',
  search: 'Filter conversations',
  searchPlaceholder: 'Filter by name, email or text',
  visitor: 'Visitor',
  noOpen: 'No open conversations. New ones appear here as visitors write.',
  noClosed: 'No closed conversations yet.',
  noMatch: 'No conversation matches “{query}”.',
  unreadCount: '{n} unread',
  unreadNew: 'new messages',
  otherAgents: '{n} other agent here',
  otherAgentsPlural: '{n} other agents here',
  typingShort: 'typing…',

  // conversation
  noConversation: 'Select a conversation',
  noConversationHelp: 'Pick one from the list, or open a link from an alert.',
  shortcuts: 'Keyboard',
  shortcutNext: 'Next / previous conversation',
  shortcutSend: 'Send',
  shortcutNewline: 'New line',
  shortcutFilter: 'Filter conversations',
  notFound: 'This conversation does not exist. The link may be incomplete.',
  loadingConversation: 'Loading the conversation…',
  earlier: 'Load earlier messages',
  loadingEarlier: 'Loading earlier messages…',
  beginning: 'Start of the conversation',
  today: 'Today',
  yesterday: 'Yesterday',
  you: 'You',
  agent: 'Agent',
  seen: 'Seen',
  sending: 'Sending…',
  failed: 'Not sent',
  retrySend: 'Retry',
  discard: 'Delete',
  typing: '{name} is typing…',
  closeConversation: 'Close',
  closeConversationLabel: 'Close the conversation',
  statusOpen: 'Open',
  statusClosed: 'Closed',
  closedBanner: 'This conversation is closed. The visitor’s next message reopens it; you can still reply.',
  download: 'Transcript',
  downloadLabel: 'Download the transcript (.txt)',
  showProfile: 'Visitor details',
  hideProfile: 'Hide visitor details',
  back: 'Back to the list',
  replyPlaceholder: 'Reply to {name}…',
  composerHint: 'Enter to send · Shift+Enter for a new line',
  send: 'Send',
  charsLeft: '{n} characters left',
  tooLong: '{n} characters too many',
  agentJoined: '{name} joined',
  agentLeft: '{name} left',

  // profile
  profile: 'Visitor',
  profileName: 'Name',
  profileEmail: 'Email',
  profileRoom: 'Room',
  profileStarted: 'Started',
  profileLastMessage: 'Last message',
  profileStatus: 'Status',
  profileAgents: 'Agents here',
  notGiven: 'Not given',
  copy: 'Copy',
  copied: 'Copied',
  agentsHere: 'You',
  agentsHereOthers: 'You and {n} more',

  // transcript
  transcriptTitle: 'Conversation with {name}',
  transcriptRoom: 'Room',

  // page title and notifications
  newConversation: 'New conversation: {name}',
  newMessage: '{name} wrote',
};

export type SupportAgentConsoleStrings = typeof CONSOLE_STRINGS;

/** Fills `{name}` slots. */
export function format(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (slot, key: string) => (key in values ? String(values[key]) : slot));
}

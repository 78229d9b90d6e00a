/**
 * The team's settings and availability, as the widget, the console and the handlers see
 * them. Types and plain functions only (no dependencies), so the widget can import it.
 */
import { type BusinessHours, isOpen, lastClosing, nextOpening } from './schedule.ts';

/** The languages the widget speaks; a text in `default` serves every other one. */
export const LANGUAGES = ['en', 'de', 'es', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export type LocalizedText = Partial<Record<Language | 'default', string>>;

/** What happens when nobody is available. */
export type AfterHours =
  /** The visitor may chat, and is offered to get the reply by email. */
  | 'ask-email'
  /** The visitor leaves an email address before the first message. */
  | 'require-email'
  /** No launcher while the team is away. */
  | 'hide';

export interface TeamSettings {
  /** The team's or company's name, as emails are signed. */
  name: string;
  hours: BusinessHours;
  /** Shown at the top of every conversation. */
  greeting: LocalizedText;
  /** The automatic reply to a visitor who writes while nobody is available. */
  awayMessage: LocalizedText;
  /** The reply-time promise: measured from the last 14 days, or a fixed text. */
  replyTime: { mode: 'measured' } | { mode: 'fixed'; text: LocalizedText };
  afterHours: AfterHours;
  /**
   * Minutes: a visitor of an assigned conversation waiting this long alerts the whole team,
   * and an assignee whose consoles are all closed this long loses the conversation back to
   * Unassigned. @default DEFAULT_ESCALATE_AFTER_MINUTES
   */
  escalateAfterMinutes?: number;
  /**
   * Days: conversations are kept this long instead of the deployment's period, which it may
   * only shorten (1 to `TeamStatus.deploymentRetentionDays`). Absent: the deployment's.
   */
  retentionDays?: number;
}

export const DEFAULT_ESCALATE_AFTER_MINUTES = 10;

/** Whether agents are there: any available, and when the latest of them switched on. */
export interface AgentsAvailability {
  available: boolean;
  /** Epoch ms: an agent who switched on after the last closing makes the team available outside its hours. */
  since?: number;
}

/** Everything a visitor's widget knows of the team (the `team` event, and /team.json). */
export interface TeamStatus {
  settings: TeamSettings;
  /** The median first response during business hours over the last 14 days, in minutes; absent without enough data. */
  replyMinutes?: number;
  agents: AgentsAvailability;
  /** Whether unread replies can reach the visitor by email (the deployment can send email). */
  emailReplies: boolean;
  /** The largest file a message may carry, in bytes; absent: the deployment takes no files. */
  attachmentMaxBytes?: number;
  /**
   * The deployment's retention period in days (`-c retentionDays`): the longest the team's
   * `settings.retentionDays` may be, and the period in force when it sets none.
   */
  deploymentRetentionDays: number;
  /**
   * In `/team.json` only, which a widget reads before it connects: whether this deployment
   * accepts signed-in customers' identity tokens (`optional`) or chats with no one else
   * (`required`, a customer portal). Absent: identity tokens are off.
   */
  identity?: 'optional' | 'required';
}

export interface Availability {
  available: boolean;
  /** Within business hours now. */
  inHours: boolean;
  /** When the team opens next, while outside its hours (epoch ms). */
  nextOpening?: number;
}

/**
 * Whether the team is available: an agent is available, and it is within business hours
 * or that agent switched to available after the team last closed (working late).
 */
export function teamAvailability(status: Pick<TeamStatus, 'settings' | 'agents'>, now: number): Availability {
  const { hours } = status.settings;
  const inHours = isOpen(hours, now);
  const closedAt = inHours ? undefined : lastClosing(hours, now);
  // A team without business hours is available whenever an agent is.
  const switchedOnSinceClosing = closedAt === undefined || (status.agents.since ?? -1) >= closedAt;
  const available = status.agents.available && (inHours || switchedOnSinceClosing);
  const next = inHours ? undefined : nextOpening(hours, now);
  return { available, inHours, ...(next !== undefined && { nextOpening: next }) };
}

/** The text for a language: its own, else the default one, else English. */
export function localized(text: LocalizedText | undefined, language: string): string | undefined {
  const lang = language.slice(0, 2).toLowerCase() as Language;
  return text?.[lang] ?? text?.default ?? text?.en;
}

/** How a measured reply time is said, rounded to what a person would say. */
export type ReplyTimePhrase =
  | 'fewMinutes'
  | 'fiveMinutes'
  | 'tenMinutes'
  | 'fifteenMinutes'
  | 'thirtyMinutes'
  | 'underAnHour'
  | 'fewHours'
  | 'day';

export function replyTimePhrase(minutes: number): ReplyTimePhrase {
  if (minutes < 3) return 'fewMinutes';
  if (minutes < 7.5) return 'fiveMinutes';
  if (minutes < 12.5) return 'tenMinutes';
  if (minutes < 22.5) return 'fifteenMinutes';
  if (minutes < 40) return 'thirtyMinutes';
  if (minutes < 60) return 'underAnHour';
  if (minutes < 6 * 60) return 'fewHours';
  return 'day';
}

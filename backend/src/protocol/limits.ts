/**
 * The numbers of the wire protocol, in one place. Plain constants with no
 * dependencies, so the widget can import them without pulling in the schema library.
 */
/** A message's text, after trimming. */
export const MAX_TEXT_LENGTH = 4000;
/** A client message id: 1 to 64 of [A-Za-z0-9_-]. */
export const CLIENT_MSG_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** A visitor key: 43 to 128 chars of base64url (32 random bytes make 43). */
export const VISITOR_KEY_PATTERN = /^[A-Za-z0-9_-]{43,128}$/;
/** A chat room id: base64url(SHA-256(visitor key)), unpadded. */
export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const MAX_NAME_LENGTH = 80;
/** A satisfaction rating: 1 (very bad) to 5 (very good), with an optional comment of this many characters. */
export const MIN_RATING_SCORE = 1;
export const MAX_RATING_SCORE = 5;
export const MAX_RATING_COMMENT_LENGTH = 500;
/** A visitor may change their rating for this long after they first gave it. */
export const RATING_CHANGE_MS = 24 * 60 * 60 * 1000;
/** A rating this low or lower alerts the team (once per close). */
export const LOW_RATING_SCORE = 2;
/** A BCP 47 language tag as the widget sends it: "de", "pt-BR". */
export const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$/;
/** A saved reply's shortcut, typed after "/" in the console's composer. */
export const SHORTCUT_PATTERN = /^[a-z0-9_-]{1,32}$/;
export const MAX_SHORTCUT_LENGTH = 32;
/** Saved replies a team may keep. */
export const MAX_SAVED_REPLIES = 200;
/** A greeting, an away message or a reply-time text, per language. */
export const MAX_TEAM_TEXT_LENGTH = 1000;
export const MAX_HOLIDAYS = 200;
/** The longest retention a deployment may set (`-c retentionDays`), and so the team: ten years. */
export const MAX_RETENTION_DAYS = 3650;
export const MAX_EMAIL_LENGTH = 254;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

/** API Gateway closes a connection that sends a frame over 32 KB (close code 1009). */
export const MAX_FRAME_BYTES = 32 * 1024;
export const CLOSE_CODE_TOO_BIG = 1009;
/** API Gateway's idle timeout and maximum connection duration. */
export const IDLE_TIMEOUT_MS = 10 * 60 * 1000;
export const MAX_CONNECTION_MS = 2 * 60 * 60 * 1000;

/** Per connection: a steady 10 frames a second, bursts of 20. */
export const RATE_PER_SECOND = 10;
export const RATE_BURST = 20;

/** A visitor writing to an unattended room alerts agents at most once in this window. */
export const ALERT_QUIET_MS = 5 * 60 * 1000;
/** An SMS alert never exceeds one 160-character segment. */
export const MAX_SMS_LENGTH = 160;
/** The room preview in inbox summaries. */
export const PREVIEW_LENGTH = 140;

/** Length as a person counts it: code points, so an emoji is one character, not two. */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

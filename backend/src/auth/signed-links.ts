import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LinkCheck, LinkPurpose, Links } from '../chat/ports.ts';
import { ROOM_ID_PATTERN } from '../protocol/limits.ts';

/** An unsubscribe link keeps working this long: long after the last email about the room. */
const UNSUBSCRIBE_LIFETIME_MS = 365 * 24 * 60 * 60_000;
/** The fragment parameter the widget reads a resume token from. */
export const RESUME_PARAMETER = 'support-chat-resume';

export interface LinkUrls {
  /** The site page with the widget that visitors come back to (the email's button). */
  conversationPage: string;
  /** The public HTTP API's base URL: `{publicApi}/unsubscribe`. */
  publicApi: string;
}

/**
 * Links signed with HMAC-SHA256 under the deployment's link secret: `{payload}.{signature}`,
 * both base64url, the payload `{"p":purpose,"r":roomId,"e":expiry in s}`. Compared in
 * constant time; a token for another purpose, another room or past its expiry is refused.
 */
export class SignedLinks implements Links {
  private key: Promise<Buffer> | undefined;

  constructor(
    private readonly secret: () => Promise<string>,
    /** Needed to make links; checking a token needs only the secret. */
    private readonly urls?: LinkUrls,
  ) {}

  async resumeToken(roomId: string, expiresAt: number): Promise<string> {
    return this.sign('resume', roomId, expiresAt);
  }

  async conversationUrl(roomId: string, expiresAt: number): Promise<string> {
    const url = new URL(this.requireUrls().conversationPage);
    url.hash = `${RESUME_PARAMETER}=${await this.resumeToken(roomId, expiresAt)}`;
    return url.href;
  }

  async unsubscribeUrl(roomId: string): Promise<string> {
    const token = await this.sign('unsubscribe', roomId, Date.now() + UNSUBSCRIBE_LIFETIME_MS);
    return `${this.requireUrls().publicApi.replace(/\/$/, '')}/unsubscribe?token=${token}`;
  }

  private requireUrls(): LinkUrls {
    if (!this.urls) throw new Error('SignedLinks made without the URLs links are made of');
    return this.urls;
  }

  async check(token: string, purpose: LinkPurpose, now: number): Promise<LinkCheck> {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined || token.length > 512) return { ok: false, reason: 'malformed' };
    const expected = await this.mac(payload);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
    let claims: { p?: unknown; r?: unknown; e?: unknown };
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (typeof claims.r !== 'string' || !ROOM_ID_PATTERN.test(claims.r) || typeof claims.e !== 'number')
      return { ok: false, reason: 'malformed' };
    if (claims.p !== purpose) return { ok: false, reason: 'wrong purpose' };
    if (claims.e * 1000 <= now) return { ok: false, reason: 'expired' };
    return { ok: true, roomId: claims.r };
  }

  private async sign(purpose: LinkPurpose, roomId: string, expiresAt: number): Promise<string> {
    const payload = Buffer.from(JSON.stringify({ p: purpose, r: roomId, e: Math.floor(expiresAt / 1000) })).toString('base64url');
    return `${payload}.${(await this.mac(payload)).toString('base64url')}`;
  }

  private async mac(payload: string): Promise<Buffer> {
    this.key ??= this.secret().then(
      (secret) => Buffer.from(secret, 'utf8'),
      (error: unknown) => {
        this.key = undefined;
        throw error;
      },
    );
    return createHmac('sha256', await this.key)
      .update(payload)
      .digest();
  }
}

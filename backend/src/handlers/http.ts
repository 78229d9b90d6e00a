import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { secretReaderFromEnv } from '../aws/secrets.ts';
import type { Links, Log, RoomStore, TeamStore } from '../chat/ports.ts';
import { teamStatus } from '../chat/team.ts';
import { unsubscribePage } from '../chat/unsubscribe-page.ts';
import { attachmentMaxBytesFromEnv, emailRepliesFromEnv } from '../config.ts';
import { type IdentityMode, type IdentityVerifier, identityVerifierFromEnv } from '../identity/identity-verifier.ts';
import { once } from '../once.ts';
import type { TeamStatus } from '../protocol/index.ts';
import { linksFromEnv } from '../runtime/from-env.ts';
import { createLogger } from '../runtime/logger.ts';
import { storesFromEnv } from '../store/from-env.ts';

export interface HttpDeps {
  rooms: RoomStore;
  team: TeamStore;
  links: Pick<Links, 'check'>;
  emailReplies: boolean;
  attachmentMaxBytes: number | undefined;
  /** Checks customers' identity tokens, as the authorizer does. */
  identity: Pick<IdentityVerifier, 'mode' | 'check'>;
  log: Log;
  now: () => number;
}

/** How long browsers and CloudFront may keep /team.json: a change reaches open widgets over their socket anyway. */
const TEAM_MAX_AGE_S = 30;

/**
 * The public HTTP API, behind the site's CloudFront distribution at /api/ (locally, the
 * demo site's /api/):
 * - GET  /api/team.json   the team's hours and availability, for a widget that has not
 *                         connected yet (to hide its launcher after hours, or to show
 *                         the hours before the visitor writes);
 * - GET  /api/unsubscribe a page that asks, then stops one conversation's emails;
 * - POST /api/unsubscribe the stop itself (the page's button, and mail programs' one-click
 *                         unsubscribe, RFC 8058);
 * - POST /api/resume      whether a link's token back into a conversation is good, so the
 *                         widget can say why it is not (a browser cannot read why a WebSocket
 *                         upgrade was refused). The token comes in the body, never in a URL
 *                         that a log keeps, as plain text, which needs no CORS preflight;
 * - POST /api/identity    the same for a signed-in customer's identity token: why it was
 *                         refused, in a sentence the site's developer can act on.
 */
export function makeHttpHandler(deps: () => HttpDeps) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const method = event.requestContext.http.method;
    const path = event.rawPath;
    if (path.endsWith('/team.json') && method === 'GET') {
      return {
        statusCode: 200,
        headers: {
          'content-type': 'application/json',
          'cache-control': `public, max-age=${TEAM_MAX_AGE_S}`,
          // Public data, fetched by widgets on any site that embeds them.
          'access-control-allow-origin': '*',
        },
        body: JSON.stringify(withIdentityMode(await teamStatus(deps()), deps().identity.mode)),
      };
    }
    if (path.endsWith('/resume') && method === 'POST') return checkResume(deps(), bodyText(event));
    if (path.endsWith('/identity') && method === 'POST') return checkIdentity(deps(), bodyText(event));
    if (path.endsWith('/unsubscribe') && (method === 'GET' || method === 'POST')) {
      return unsubscribe(deps(), event.queryStringParameters?.token ?? '', method === 'POST');
    }
    return { statusCode: 404, headers: { 'content-type': 'text/plain' }, body: 'Not found' };
  };
}

function withIdentityMode(status: TeamStatus, mode: IdentityMode): TeamStatus {
  return mode === 'off' ? status : { ...status, identity: mode };
}

function answer(statusCode: number, body: object): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'access-control-allow-origin': '*' },
    body: JSON.stringify(body),
  };
}

/**
 * The answer to POST /api/identity: 200 `{ ok: true, expiresAt }`, 400 `{ ok: false, code,
 * message }` for a refused token (`off` where identity is off), 503 when the keys cannot be had.
 */
async function checkIdentity(deps: HttpDeps, token: string): Promise<APIGatewayProxyStructuredResultV2> {
  const checked = await deps.identity.check(token.trim(), deps.now());
  if (checked.ok) return answer(200, { ok: true, expiresAt: checked.identity.expiresAt });
  deps.log.warn('refused an identity token', { code: checked.code });
  return answer(checked.code === 'unavailable' ? 503 : 400, { ok: false, code: checked.code, message: checked.reason });
}

/** The answer to POST /api/resume: 200 `{ ok: true }`, or 400/410 `{ ok: false, reason, message }`. */
async function checkResume(deps: HttpDeps, token: string): Promise<APIGatewayProxyStructuredResultV2> {
  const link = await deps.links.check(token.trim(), 'resume', deps.now());
  if (link.ok) return answer(200, { ok: true });
  deps.log.warn('refused a link back to a conversation', { reason: link.reason });
  return link.reason === 'expired'
    ? answer(410, { ok: false, reason: 'expired', message: 'This link has expired: links in our emails work for 7 days.' })
    : answer(400, { ok: false, reason: 'invalid', message: 'This link is not valid: it may have been cut short or changed.' });
}

function bodyText(event: APIGatewayProxyEventV2): string {
  const body = event.body ?? '';
  return event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}

async function unsubscribe(deps: HttpDeps, token: string, confirmed: boolean): Promise<APIGatewayProxyStructuredResultV2> {
  const link = await deps.links.check(token, 'unsubscribe', deps.now());
  const page = (status: number, body: string): APIGatewayProxyStructuredResultV2 => ({
    statusCode: status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-robots-tag': 'noindex',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    },
    body,
  });
  if (!link.ok) {
    deps.log.warn('refused an unsubscribe link', { reason: link.reason });
    return page(
      link.reason === 'expired' ? 410 : 400,
      unsubscribePage({ state: link.reason === 'expired' ? 'expired' : 'invalid', lang: 'en', teamName: '' }),
    );
  }
  const [room, team] = await Promise.all([deps.rooms.get(link.roomId), deps.team.get()]);
  const common = { lang: room?.visitorLang ?? 'en', teamName: team.settings.name };
  if (!room) return page(404, unsubscribePage({ ...common, state: 'invalid' }));
  if (!confirmed) return page(200, unsubscribePage({ ...common, state: room.emailOptOut ? 'done' : 'ask', token }));
  await deps.rooms.optOutOfEmail(link.roomId);
  deps.log.info('a visitor unsubscribed from a conversation', { roomId: link.roomId });
  return page(200, unsubscribePage({ ...common, state: 'done' }));
}

export const handler = makeHttpHandler(
  once(() => {
    const stores = storesFromEnv();
    return {
      rooms: stores.rooms(),
      team: stores.team(),
      links: linksFromEnv(),
      identity: identityVerifierFromEnv(secretReaderFromEnv),
      emailReplies: emailRepliesFromEnv(),
      attachmentMaxBytes: attachmentMaxBytesFromEnv(),
      log: createLogger(),
      now: Date.now,
    };
  }),
);

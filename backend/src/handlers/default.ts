import type { APIGatewayProxyResult, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import type { ChatDeps } from '../chat/deps.ts';
import { handleFrame } from '../chat/handle-frame.ts';
import { once } from '../once.ts';
import { chatDepsFromEnv } from '../runtime/chat-deps.ts';

/**
 * $default: every client frame. API Gateway routes on `action` only to this one route,
 * so unknown actions get the protocol's own `unknown_action` error instead of silence.
 */
export function makeDefaultHandler(deps: () => ChatDeps) {
  return async (event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResult> => {
    const body = event.isBase64Encoded && event.body ? utf8OrEmpty(Buffer.from(event.body, 'base64')) : (event.body ?? '');
    // API Gateway passes the client's User-Agent on every frame (the agents see the visitor's browser).
    const { identity } = event.requestContext as { identity?: { userAgent?: string } };
    await handleFrame(deps(), event.requestContext.connectionId, body, identity?.userAgent);
    return { statusCode: 200, body: '' };
  };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A binary frame's bytes as text, or '' (not JSON: a `bad_request`) when they are not
 * UTF-8. JSON text is UTF-8 (RFC 8259); a lenient decoding turned bad bytes into U+FFFD
 * and stored a message the client never wrote. A text frame that is not UTF-8 never gets
 * here: the gateway closes its connection with 1007, as RFC 6455 says.
 */
function utf8OrEmpty(bytes: Buffer): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return '';
  }
}

export const handler = makeDefaultHandler(once(() => chatDepsFromEnv()));

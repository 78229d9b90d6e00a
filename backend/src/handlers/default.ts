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
    const body = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : (event.body ?? '');
    // API Gateway passes the client's User-Agent on every frame (the agents see the visitor's browser).
    const { identity } = event.requestContext as { identity?: { userAgent?: string } };
    await handleFrame(deps(), event.requestContext.connectionId, body, identity?.userAgent);
    return { statusCode: 200, body: '' };
  };
}

export const handler = makeDefaultHandler(once(() => chatDepsFromEnv()));

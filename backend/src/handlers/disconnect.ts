import type { APIGatewayProxyResult, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import type { ChatDeps } from '../chat/deps.ts';
import { closeConnection } from '../chat/lifecycle.ts';
import { once } from '../once.ts';
import { chatDepsFromEnv } from '../runtime.ts';

/** $disconnect: forgets the connection (API Gateway delivers this on a best-effort basis; the TTL is the backstop). */
export function makeDisconnectHandler(deps: () => ChatDeps) {
  return async (event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResult> => {
    await closeConnection(deps(), event.requestContext.connectionId);
    return { statusCode: 200, body: 'Disconnected' };
  };
}

export const handler = makeDisconnectHandler(once(() => chatDepsFromEnv()));

import type { APIGatewayProxyResult, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import type { ChatDeps } from '../chat/deps.ts';
import { Delivery } from '../chat/delivery.ts';
import { closeConnection, pruneGone } from '../chat/lifecycle.ts';
import { once } from '../once.ts';
import { chatDepsFromEnv } from '../runtime.ts';

/** $disconnect: forgets the connection (API Gateway delivers this on a best-effort basis; the TTL is the backstop). */
export function makeDisconnectHandler(deps: () => ChatDeps) {
  return async (event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResult> => {
    const ctx = { ...deps(), out: new Delivery(deps().gateway, deps().log) };
    try {
      await closeConnection(ctx, event.requestContext.connectionId);
    } finally {
      await pruneGone(ctx);
    }
    return { statusCode: 200, body: 'Disconnected' };
  };
}

export const handler = makeDisconnectHandler(once(() => chatDepsFromEnv()));

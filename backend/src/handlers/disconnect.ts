import type { APIGatewayProxyResult, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { connectionsApiFromEnv } from '../aws/connections-api.ts';
import { checksFromEnv } from '../aws/sqs-checks.ts';
import type { DisconnectDeps } from '../chat/deps.ts';
import { handleDisconnect } from '../chat/lifecycle.ts';
import { attachmentMaxBytesFromEnv, emailRepliesFromEnv } from '../config.ts';
import { once } from '../once.ts';
import { createLogger } from '../runtime/logger.ts';
import { storesFromEnv } from '../store/from-env.ts';

/** $disconnect: forgets the connection (API Gateway delivers this on a best-effort basis; the TTL is the backstop). */
export function makeDisconnectHandler(deps: () => DisconnectDeps) {
  return async (event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResult> => {
    await handleDisconnect(deps(), event.requestContext.connectionId);
    return { statusCode: 200, body: 'Disconnected' };
  };
}

export const handler = makeDisconnectHandler(
  once(() => {
    const stores = storesFromEnv();
    return {
      connections: stores.connections(),
      rooms: stores.rooms(),
      team: stores.team(),
      emailReplies: emailRepliesFromEnv(),
      attachmentMaxBytes: attachmentMaxBytesFromEnv(),
      gateway: connectionsApiFromEnv(),
      checks: checksFromEnv(),
      log: createLogger(),
      now: Date.now,
    };
  }),
);

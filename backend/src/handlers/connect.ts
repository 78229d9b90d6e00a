import type { APIGatewayProxyResult, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import type { ConnectDeps } from '../chat/deps.ts';
import { openConnection } from '../chat/lifecycle.ts';
import { once } from '../once.ts';
import type { Connection } from '../chat/model.ts';
import { createLogger } from '../runtime/logger.ts';
import { storesFromEnv } from '../store/from-env.ts';
import type { AuthorizerContext } from './authorizer.ts';

type ConnectEvent = APIGatewayProxyWebsocketEventV2 & {
  requestContext: APIGatewayProxyWebsocketEventV2['requestContext'] & { authorizer?: Partial<AuthorizerContext> };
};

/** $connect: runs after the authorizer allowed the upgrade; records who connected. */
export function makeConnectHandler(deps: () => ConnectDeps) {
  return async (event: ConnectEvent): Promise<APIGatewayProxyResult> => {
    const { connectionId, authorizer } = event.requestContext;
    const connection = connectionFrom(connectionId, authorizer);
    if (!connection) {
      deps().log.error('$connect without an authorizer context', { connectionId });
      return { statusCode: 401, body: 'Unauthorized' };
    }
    await openConnection(deps(), connection);
    return { statusCode: 200, body: 'Connected' };
  };
}

function connectionFrom(connectionId: string, context: Partial<AuthorizerContext> | undefined): Connection | undefined {
  if (context?.role === 'visitor' && context.roomId) return { connectionId, role: 'visitor', roomId: context.roomId };
  if (context?.role === 'agent' && context.agentId && context.name) {
    return {
      connectionId,
      role: 'agent',
      agentId: context.agentId,
      name: context.name,
      rooms: [],
      ...(context.email && { email: context.email }),
    };
  }
  return undefined;
}

export const handler = makeConnectHandler(
  once(() => ({ connections: storesFromEnv().connections(), log: createLogger(), now: Date.now })),
);

import type { APIGatewayProxyResult, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { connectionsApiFromEnv } from '../aws/connections-api.ts';
import type { ConnectDeps } from '../chat/deps.ts';
import { handleConnect } from '../chat/lifecycle.ts';
import type { Connection } from '../chat/model.ts';
import { attachmentMaxBytesFromEnv, emailRepliesFromEnv } from '../config.ts';
import { once } from '../once.ts';
import { LANGUAGE_TAG } from '../protocol/limits.ts';
import { createLogger } from '../runtime/logger.ts';
import { storesFromEnv } from '../store/from-env.ts';

/** The authorizer's context as it arrives: any of AuthorizerContext's fields, of any type. */
type ContextFields = Partial<Record<'role' | 'roomId' | 'resumed' | 'agentId' | 'name' | 'email' | 'admin', unknown>>;
type ConnectEvent = APIGatewayProxyWebsocketEventV2 & {
  requestContext: APIGatewayProxyWebsocketEventV2['requestContext'] & { authorizer?: ContextFields };
  queryStringParameters?: Record<string, string | undefined>;
};

/** $connect: runs after the authorizer allowed the upgrade; records who connected. */
export function makeConnectHandler(deps: () => ConnectDeps) {
  return async (event: ConnectEvent): Promise<APIGatewayProxyResult> => {
    const { connectionId, authorizer } = event.requestContext;
    const connection = connectionFrom(connectionId, authorizer, event.queryStringParameters?.lang);
    if (!connection) {
      deps().log.error('$connect without an authorizer context', { connectionId });
      return { statusCode: 401, body: 'Unauthorized' };
    }
    await handleConnect(deps(), connection);
    return { statusCode: 200, body: 'Connected' };
  };
}

/**
 * The connection the authorizer admitted (AuthorizerContext). API Gateway hands the
 * authorizer's context on with booleans as strings ("true"): both forms are read.
 */
function connectionFrom(connectionId: string, context: ContextFields | undefined, lang: string | undefined): Connection | undefined {
  const flag = (value: unknown) => value === true || value === 'true';
  if (context?.role === 'visitor' && typeof context.roomId === 'string') {
    return {
      connectionId,
      role: 'visitor',
      roomId: context.roomId,
      ...(flag(context.resumed) && { resumed: true }),
      // A language tag, or nothing: the URL is the visitor's to write.
      ...(lang !== undefined && LANGUAGE_TAG.test(lang) && { lang }),
    };
  }
  if (context?.role === 'agent' && typeof context.agentId === 'string' && typeof context.name === 'string') {
    return {
      connectionId,
      role: 'agent',
      agentId: context.agentId,
      name: context.name,
      admin: flag(context.admin),
      rooms: [],
      ...(typeof context.email === 'string' && { email: context.email }),
    };
  }
  return undefined;
}

export const handler = makeConnectHandler(
  once(() => {
    const stores = storesFromEnv();
    return {
      connections: stores.connections(),
      rooms: stores.rooms(),
      team: stores.team(),
      emailReplies: emailRepliesFromEnv(),
      attachmentMaxBytes: attachmentMaxBytesFromEnv(),
      gateway: connectionsApiFromEnv(),
      log: createLogger(),
      now: Date.now,
    };
  }),
);

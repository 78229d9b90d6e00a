import type { APIGatewayProxyResult, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { connectionsApiFromEnv } from '../aws/connections-api.ts';
import { fileCopiesFromEnv } from '../aws/s3-bucket.ts';
import { customerRoom } from '../chat/customers.ts';
import { Delivery } from '../chat/delivery.ts';
import type { ConnectDeps } from '../chat/deps.ts';
import { handleConnect } from '../chat/lifecycle.ts';
import type { Connection } from '../chat/model.ts';
import { attachmentMaxBytesFromEnv, emailRepliesFromEnv } from '../config.ts';
import type { VerifiedIdentity } from '../identity/verify-identity-token.ts';
import { once } from '../once.ts';
import type { VerifiedCustomer } from '../protocol/index.ts';
import { LANGUAGE_TAG } from '../protocol/limits.ts';
import { createLogger } from '../runtime/logger.ts';
import { storesFromEnv } from '../store/from-env.ts';

/** The authorizer's context as it arrives: any of AuthorizerContext's fields, of any type. */
type ContextFields = Partial<
  Record<'role' | 'roomId' | 'resumed' | 'agentId' | 'name' | 'email' | 'admin' | 'customer' | 'handoverRoomId', unknown>
>;
type ConnectEvent = APIGatewayProxyWebsocketEventV2 & {
  requestContext: APIGatewayProxyWebsocketEventV2['requestContext'] & { authorizer?: ContextFields };
  queryStringParameters?: Record<string, string | undefined>;
};

/** $connect: runs after the authorizer allowed the upgrade; records who connected. */
export function makeConnectHandler(deps: () => ConnectDeps) {
  return async (event: ConnectEvent): Promise<APIGatewayProxyResult> => {
    const { connectionId, authorizer } = event.requestContext;
    const lang = event.queryStringParameters?.lang;
    const connection =
      authorizer?.role === 'customer'
        ? await customerConnection(deps(), connectionId, authorizer, lang)
        : connectionFrom(connectionId, authorizer, lang);
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
    return { connectionId, role: 'visitor', roomId: context.roomId, ...(flag(context.resumed) && { resumed: true }), ...langOf(lang) };
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

/** A language tag, or nothing: the URL is the visitor's to write. */
function langOf(lang: string | undefined): { lang?: string } {
  return lang !== undefined && LANGUAGE_TAG.test(lang) ? { lang } : {};
}

/** A signed-in customer's connection, in their room (found, made, or carried over from this browser's anonymous one). */
async function customerConnection(
  deps: ConnectDeps,
  connectionId: string,
  context: ContextFields,
  lang: string | undefined,
): Promise<Connection | undefined> {
  if (typeof context.customer !== 'string') return undefined;
  const { sub, name, email, attributes } = JSON.parse(context.customer) as VerifiedIdentity;
  const customer: VerifiedCustomer = {
    id: sub,
    ...(name !== undefined && { name }),
    ...(email !== undefined && { email }),
    ...(attributes !== undefined && { attributes }),
    verifiedAt: new Date(deps.now()).toISOString(),
  };
  const handover = typeof context.handoverRoomId === 'string' ? context.handoverRoomId : undefined;
  const roomId = await customerRoom({ ...deps, out: new Delivery(deps.gateway, deps.log) }, customer, handover);
  return { connectionId, role: 'visitor', roomId, customerId: sub, ...langOf(lang) };
}

function withFiles(files: ConnectDeps['files']): Pick<ConnectDeps, 'files'> {
  return files ? { files } : {};
}

export const handler = makeConnectHandler(
  once(() => {
    const stores = storesFromEnv();
    return {
      connections: stores.connections(),
      rooms: stores.rooms(),
      customers: stores.customers(),
      messages: stores.messages(),
      claims: stores.claims(),
      ...withFiles(fileCopiesFromEnv()),
      team: stores.team(),
      emailReplies: emailRepliesFromEnv(),
      attachmentMaxBytes: attachmentMaxBytesFromEnv(),
      gateway: connectionsApiFromEnv(),
      log: createLogger(),
      now: Date.now,
    };
  }),
);

import { Logger } from '@aws-lambda-powertools/logger';
import { SnsAlertPublisher } from './agent-alerts.ts';
import type { ChatDeps, Log } from './chat/deps.ts';
import { optionalEnv, requireEnv } from './config.ts';
import { ManagementApiGateway } from './connection-gateway.ts';
import { ConnectionStore } from './store/connection-store.ts';
import { createDocumentClient } from './store/dynamo.ts';
import { MessageStore } from './store/message-store.ts';
import { RoomStore } from './store/room-store.ts';
import { SendClaims } from './store/send-claims.ts';
import { connectionsTable, messagesTable, roomsTable } from './tables.ts';

/**
 * Builds the handlers' collaborators from environment variables: in Lambda from the CDK
 * stack, locally from the local stack. `*_ENDPOINT` variables point the SDK clients at
 * local stand-ins and are unset in production.
 */
export function chatDepsFromEnv(env: NodeJS.ProcessEnv = process.env, log: Log = createLogger()): ChatDeps {
  const region = optionalEnv('AWS_REGION', env);
  const doc = createDocumentClient({ endpoint: optionalEnv('DYNAMODB_ENDPOINT', env), region });
  const local = optionalEnv('DYNAMODB_ENDPOINT', env) !== undefined;
  return {
    connections: new ConnectionStore(doc, requireEnv(connectionsTable.envVar, env)),
    messages: new MessageStore(doc, requireEnv(messagesTable.envVar, env)),
    rooms: new RoomStore(doc, requireEnv(roomsTable.envVar, env)),
    claims: new SendClaims(doc, requireEnv(roomsTable.envVar, env)),
    gateway: new ManagementApiGateway(requireEnv('CONNECTIONS_ENDPOINT', env), { region, local }),
    alerts: new SnsAlertPublisher(requireEnv('ALERT_TOPIC_ARN', env), requireEnv('AGENT_CONSOLE_URL', env), {
      endpoint: optionalEnv('SNS_ENDPOINT', env),
      region,
    }),
    log,
    now: Date.now,
  };
}

export function createLogger(): Logger {
  return new Logger({ serviceName: 'support-chat' });
}

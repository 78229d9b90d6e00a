import { ApiGatewayManagementApiClient, DeleteConnectionCommand, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import type { ConnectionGateway } from '../chat/ports.ts';
import { optionalEnv, requireEnv } from '../config.ts';
import type { ServerEvent } from '../protocol/index.ts';

/** Sends server events down WebSocket connections through API Gateway's `@connections` API. */
export class ManagementApiGateway implements ConnectionGateway {
  private readonly client: ApiGatewayManagementApiClient;
  /**
   * A fan-out hands the same event object to every recipient: it is serialized once, not
   * once per connection (a room update to every agent was re-serialized per agent).
   */
  private readonly encoded = new WeakMap<ServerEvent, Uint8Array>();

  /** `endpoint`: https://{api}.execute-api.{region}.amazonaws.com/{stage}, or the local gateway. */
  constructor(endpoint: string, options: { region?: string; local?: boolean } = {}) {
    this.client = new ApiGatewayManagementApiClient({
      endpoint,
      ...(options.region && { region: options.region }),
      ...(options.local && { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
      // Without it the SDK rebuilds and sorts its middleware stack on every post (measured
      // locally: a fifth of a post's CPU, end to end). Nothing here adds middleware per
      // command, which is all that caching rules out.
      cacheMiddleware: true,
    });
  }

  async send(connectionId: string, event: ServerEvent): Promise<boolean> {
    let data = this.encoded.get(event);
    if (!data) {
      data = new TextEncoder().encode(JSON.stringify(event));
      this.encoded.set(event, data);
    }
    try {
      await this.client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
      return true;
    } catch (error) {
      if (isGone(error)) return false;
      throw error;
    }
  }

  async disconnect(connectionId: string): Promise<void> {
    try {
      await this.client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    } catch (error) {
      if (!isGone(error)) throw error;
    }
  }
}

function isGone(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error.name === 'GoneException' || status === 410;
}

/**
 * The gateway of the API the handler runs behind: `CONNECTIONS_ENDPOINT` from the CDK
 * stack. The local gateway is plain http (API Gateway never is), and takes any keys.
 */
export function connectionsApiFromEnv(env: NodeJS.ProcessEnv = process.env): ManagementApiGateway {
  const endpoint = requireEnv('CONNECTIONS_ENDPOINT', env);
  return new ManagementApiGateway(endpoint, { region: optionalEnv('AWS_REGION', env), local: endpoint.startsWith('http:') });
}

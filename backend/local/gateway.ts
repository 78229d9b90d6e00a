import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyResult,
  APIGatewayProxyWebsocketEventV2,
  APIGatewayRequestAuthorizerEvent,
} from 'aws-lambda';
import { WebSocket, WebSocketServer } from 'ws';
import { CLOSE_CODE_TOO_BIG, IDLE_TIMEOUT_MS, MAX_CONNECTION_MS, MAX_FRAME_BYTES } from '../src/protocol/index.ts';
import { closeNow, listenOnLoopback } from './ports.ts';

/** The four Lambda handlers behind the API, called in-process with API-Gateway-shaped events. */
export interface GatewayHandlers {
  authorizer(event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult>;
  connect(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResult>;
  disconnect(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResult>;
  default(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResult>;
}

export interface GatewayOptions {
  port: number;
  /**
   * A promise when the handlers need the gateway's address first (the local stack binds the
   * port, then builds them): upgrades wait for it, so nothing is refused meanwhile.
   */
  handlers: GatewayHandlers | Promise<GatewayHandlers>;
  /** @default 10 minutes, as API Gateway */
  idleTimeoutMs?: number;
  /** @default 2 hours, as API Gateway */
  maxConnectionMs?: number;
  /** One line per connection event, never with the query string (it carries secrets). */
  log?: (line: string) => void;
}

export interface LocalGateway {
  /** ws://127.0.0.1:PORT */
  websocketUrl: string;
  /** http://127.0.0.1:PORT: the `@connections` management API lives under it. */
  connectionsEndpoint: string;
  /** Ids of the open connections. */
  connectionIds(): string[];
  /** Cuts a connection without a close handshake, as a dropped network does. */
  drop(connectionId: string): void;
  /** Resolves once no handler run is in progress (every frame and $disconnect so far handled). */
  settled(): Promise<void>;
  /** `@connections` requests received so far, by method (the bench counts posts per message). */
  readonly managementApiRequests: Readonly<ManagementApiRequests>;
  stop(): Promise<void>;
}

export interface ManagementApiRequests {
  post: number;
  get: number;
  delete: number;
}

interface Live {
  socket: WebSocket;
  connectedAt: number;
  lastActiveAt: number;
  sourceIp: string;
  userAgent: string;
  idleTimer: NodeJS.Timeout;
  maxTimer: NodeJS.Timeout;
}

const STAGE = 'local';
const API_ID = 'local';

/**
 * A WebSocket endpoint that behaves like API Gateway's: it assigns connection ids, runs
 * the authorizer then $connect before accepting an upgrade (refusing with 401/403 as API
 * Gateway does), sends every frame to $default (the route selection expression
 * `$request.body.action` matches no other route), runs $disconnect on close, enforces
 * the 32 KB frame limit (close 1009), the idle timeout and the maximum connection time,
 * and serves the `@connections` API (POST/GET/DELETE) on the same port.
 */
export async function startGateway(options: GatewayOptions): Promise<LocalGateway> {
  const idleTimeoutMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  const maxConnectionMs = options.maxConnectionMs ?? MAX_CONNECTION_MS;
  const log = options.log ?? (() => {});
  const live = new Map<string, Live>();
  const managementApiRequests: ManagementApiRequests = { post: 0, get: 0, delete: 0 };
  // Handler runs still going; stop() waits for them so none outlives the stack's database.
  const inflight = new Set<Promise<unknown>>();
  const track = <T>(run: Promise<T>): Promise<T> => {
    inflight.add(run);
    void run.finally(() => inflight.delete(run)).catch(() => {});
    return run;
  };
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const server: Server = createServer((req, res) => {
    handleManagementApi(req, res, live, managementApiRequests).catch(() => json(res, 500, { message: 'Internal server error' }));
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    track(upgrade(req, socket, head)).catch((error: unknown) => {
      log(`$connect failed: ${error instanceof Error ? error.message : String(error)}`);
      refuse(socket, 500, 'Internal Server Error');
    });
  });

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams);
    const connectionId = newConnectionId();
    const sourceIp = req.socket.remoteAddress ?? '127.0.0.1';
    const userAgent = req.headers['user-agent'] ?? '';
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]));
    const requestContext = baseContext(connectionId, '$connect', 'CONNECT', sourceIp, userAgent);
    const handlers = await options.handlers;

    let authorization: APIGatewayAuthorizerResult;
    try {
      authorization = await handlers.authorizer({
        type: 'REQUEST',
        methodArn: `arn:aws:execute-api:local:000000000000:${API_ID}/${STAGE}/$connect`,
        headers,
        queryStringParameters: query,
        requestContext,
      } as unknown as APIGatewayRequestAuthorizerEvent);
    } catch (error) {
      const unauthorized = error instanceof Error && error.message === 'Unauthorized';
      log(`refused ${connectionId}: ${unauthorized ? '401' : '500 (authorizer failed)'}`);
      return refuse(socket, unauthorized ? 401 : 500, unauthorized ? 'Unauthorized' : 'Internal Server Error');
    }
    const allowed = authorization.policyDocument.Statement.every((s) => s.Effect === 'Allow');
    if (!allowed) {
      log(`refused ${connectionId}: 403`);
      return refuse(socket, 403, 'Forbidden');
    }

    const connectResult = await handlers.connect({
      requestContext: { ...requestContext, authorizer: { principalId: authorization.principalId, ...authorization.context } },
      headers,
      queryStringParameters: query,
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyWebsocketEventV2);
    if (connectResult.statusCode < 200 || connectResult.statusCode > 299) {
      log(`refused ${connectionId}: $connect answered ${connectResult.statusCode}`);
      return refuse(socket, connectResult.statusCode, 'Forbidden');
    }

    // The client left while $connect ran (its end of the socket closed: no longer readable):
    // ws would drop the upgrade without a word, and the record $connect wrote would outlive
    // its connection (an agent shown available for good). API Gateway runs $disconnect for a
    // connection whose $connect succeeded; so does this.
    if (socket.destroyed || !socket.readable || !socket.writable) {
      socket.destroy();
      log(`disconnected ${connectionId} (left during $connect)`);
      track(disconnect(connectionId, 1006, sourceIp, userAgent));
      return;
    }

    wss.handleUpgrade(req, socket, head, (ws) => {
      const now = Date.now();
      const entry: Live = {
        socket: ws,
        connectedAt: now,
        lastActiveAt: now,
        sourceIp,
        userAgent,
        idleTimer: setTimeout(() => ws.close(1001, 'Going away'), idleTimeoutMs),
        maxTimer: setTimeout(() => ws.close(1001, 'Going away'), maxConnectionMs),
      };
      live.set(connectionId, entry);
      log(`connected ${connectionId} (${authorization.context?.role ?? 'unknown'})`);

      ws.on('message', (data, isBinary) => {
        entry.lastActiveAt = Date.now();
        entry.idleTimer.refresh();
        const body = Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]);
        track(
          handlers
            .default(
              frameEvent(connectionId, isBinary ? body.toString('base64') : body.toString('utf8'), {
                isBase64Encoded: isBinary,
                sourceIp,
                userAgent,
              }),
            )
            .catch((error: unknown) => {
              // What API Gateway sends when the integration fails.
              log(`$default failed for ${connectionId}: ${error instanceof Error ? error.message : String(error)}`);
              if (ws.readyState === WebSocket.OPEN) {
                ws.send(JSON.stringify({ message: 'Internal server error', connectionId, requestId: randomUUID() }));
              }
            }),
        );
      });
      // Past maxPayload, ws closes the socket with 1009 itself, as API Gateway does.
      ws.on('error', () => {});
      ws.on('close', (code) => {
        clearTimeout(entry.idleTimer);
        clearTimeout(entry.maxTimer);
        live.delete(connectionId);
        log(`disconnected ${connectionId} (${code === CLOSE_CODE_TOO_BIG ? '1009: frame too big' : code})`);
        track(disconnect(connectionId, code, sourceIp, userAgent));
      });
    });
  }

  async function disconnect(connectionId: string, code: number, sourceIp: string, userAgent: string): Promise<void> {
    const handlers = await options.handlers;
    await handlers
      .disconnect({
        requestContext: {
          ...baseContext(connectionId, '$disconnect', 'DISCONNECT', sourceIp, userAgent),
          disconnectStatusCode: code,
        },
        isBase64Encoded: false,
      } as unknown as APIGatewayProxyWebsocketEventV2)
      .catch((error: unknown) => log(`$disconnect failed for ${connectionId}: ${String(error)}`));
  }

  const port = await listenOnLoopback(server, options.port);

  return {
    websocketUrl: `ws://127.0.0.1:${port}`,
    connectionsEndpoint: `http://127.0.0.1:${port}`,
    connectionIds: () => [...live.keys()],
    drop(connectionId) {
      live.get(connectionId)?.socket.terminate();
    },
    async settled() {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
    managementApiRequests,
    async stop() {
      const closing = [...live.values()].map(
        (entry) =>
          new Promise<void>((resolve) => {
            entry.socket.once('close', () => resolve());
            entry.socket.close(1001, 'Going away');
          }),
      );
      await Promise.race([Promise.all(closing), new Promise((resolve) => setTimeout(resolve, 2000))]);
      for (const entry of live.values()) entry.socket.terminate();
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
      wss.close();
      await closeNow(server);
    },
  };
}

/** API Gateway's connection ids: 12 base64 characters ending in "=". */
function newConnectionId(): string {
  return `${randomBytes(10).toString('base64').replace(/\//g, '_').replace(/\+/g, '-').slice(0, 13)}=`;
}

/** The event API Gateway gives `$default` for one frame (the bench also hands such events to the handler directly). */
export function frameEvent(
  connectionId: string,
  body: string,
  {
    isBase64Encoded = false,
    sourceIp = '127.0.0.1',
    userAgent = '',
  }: { isBase64Encoded?: boolean; sourceIp?: string; userAgent?: string } = {},
): APIGatewayProxyWebsocketEventV2 {
  return {
    requestContext: baseContext(connectionId, '$default', 'MESSAGE', sourceIp, userAgent),
    body,
    isBase64Encoded,
  } as unknown as APIGatewayProxyWebsocketEventV2;
}

function baseContext(connectionId: string, routeKey: string, eventType: string, sourceIp: string, userAgent: string) {
  const now = Date.now();
  return {
    routeKey,
    eventType,
    connectionId,
    messageId: eventType === 'MESSAGE' ? randomBytes(8).toString('base64') : undefined,
    extendedRequestId: randomUUID(),
    requestId: randomUUID(),
    requestTime: new Date(now).toUTCString(),
    requestTimeEpoch: now,
    connectedAt: now,
    messageDirection: 'IN',
    stage: STAGE,
    domainName: 'localhost',
    apiId: API_ID,
    identity: { sourceIp, userAgent },
  };
}

/** Answers an upgrade request with an HTTP error instead of switching protocols. */
function refuse(socket: Duplex, status: number, reason: string) {
  if (socket.destroyed) return;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${reason.length}\r\n\r\n${reason}`,
  );
}

/** The `@connections` API: POST sends to a connection, GET describes it, DELETE closes it. */
async function handleManagementApi(req: IncomingMessage, res: ServerResponse, live: Map<string, Live>, counts: ManagementApiRequests) {
  const match = /^\/@connections\/([^/?]+)/.exec(req.url ?? '');
  if (!match) {
    return json(res, 426, { message: 'This is a WebSocket endpoint: connect with ?visitorKey=... or ?token=...' });
  }
  // Counted whether the connection is there or gone: either way the handler made the call.
  if (req.method === 'POST') counts.post++;
  else if (req.method === 'GET') counts.get++;
  else if (req.method === 'DELETE') counts.delete++;
  const connectionId = decodeURIComponent(match[1]!);
  const entry = live.get(connectionId);
  if (!entry || entry.socket.readyState !== WebSocket.OPEN) {
    res.setHeader('x-amzn-errortype', 'GoneException');
    return json(res, 410, { message: 'Gone' });
  }
  switch (req.method) {
    case 'POST': {
      const body = await readBody(req);
      if (body.length > 128 * 1024) return json(res, 413, { message: 'Payload too large' });
      entry.socket.send(body.toString('utf8'));
      res.writeHead(200).end();
      return;
    }
    case 'GET':
      return json(res, 200, {
        connectedAt: new Date(entry.connectedAt).toISOString(),
        lastActiveAt: new Date(entry.lastActiveAt).toISOString(),
        identity: { sourceIp: entry.sourceIp, userAgent: entry.userAgent },
      });
    case 'DELETE':
      entry.socket.close(1000, 'Closed by the server');
      res.writeHead(204).end();
      return;
    default:
      return json(res, 405, { message: 'Method not allowed' });
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

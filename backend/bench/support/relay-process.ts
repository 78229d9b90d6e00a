/**
 * The floor of the delivery and memory measures: a bare `ws` relay in a child process.
 * A visitor connects with `?room=ID`, an agent with `?rooms=ID,ID,...`; every frame a
 * client sends is forwarded as it is to every connection in the frame's room, the
 * sender's included (as our stack acknowledges). No authorization, no storage, no
 * protocol: what any WebSocket chat costs at least on this machine.
 */
import { WebSocket, WebSocketServer } from 'ws';
import { serveParent } from './child.ts';
import { settledResidentBytes } from './memory.ts';

export interface RelayReady {
  websocketUrl: string;
}

const rooms = new Map<string, Set<WebSocket>>();
const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
await new Promise<void>((resolve) => server.once('listening', () => resolve()));

server.on('connection', (socket, request) => {
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
  const memberOf = (query.get('rooms') ?? query.get('room') ?? '').split(',').filter(Boolean);
  for (const roomId of memberOf) {
    const members = rooms.get(roomId) ?? new Set();
    rooms.set(roomId, members);
    members.add(socket);
  }
  socket.on('message', (data) => {
    const { roomId } = JSON.parse(data.toString()) as { roomId?: string };
    for (const member of rooms.get(roomId ?? '') ?? []) {
      if (member.readyState === WebSocket.OPEN) member.send(data, { binary: false });
    }
  });
  socket.on('close', () => {
    for (const roomId of memberOf) rooms.get(roomId)?.delete(socket);
  });
});

const methods = {
  residentBytes: () => settledResidentBytes(),
  openConnections: () => server.clients.size,
};

export type RelayMethods = typeof methods;

const { port } = server.address() as { port: number };
serveParent({ websocketUrl: `ws://127.0.0.1:${port}` } satisfies RelayReady, methods, async () => {
  for (const client of server.clients) client.terminate();
  server.close();
});

/**
 * Opening the bench's connections through the product itself, as widgets and consoles
 * do. A visitor who gives a name creates their room without announcing it (a room is
 * announced to agents with its first message), so setting up thousands of rooms costs
 * no inbox fan-out that the measures would then have to wait out.
 */
import { randomBytes } from 'node:crypto';
import { roomIdForVisitorKey } from '../../src/auth/visitor-key.ts';
import type { ServerEventOf } from '../../src/protocol/index.ts';
import { BenchSocket, forEachLimited } from './bench-socket.ts';

export interface Visitor {
  socket: BenchSocket;
  roomId: string;
}

export interface RoomOfTwo {
  roomId: string;
  visitor: BenchSocket;
  agent: BenchSocket;
}

/** Connections opened at once: enough to keep the stack busy, few enough not to time out. */
const OPENING_CONCURRENCY = 32;

/** A visitor with a fresh key, as a browser makes it. With `named`, their room exists afterwards. */
export async function openVisitor(websocketUrl: string, name?: string): Promise<Visitor> {
  const key = randomBytes(32).toString('base64url');
  const socket = await BenchSocket.open(`${websocketUrl}?visitorKey=${key}`);
  if (name !== undefined) {
    await socket.request({ action: 'identify', name }, (e): e is ServerEventOf<'profile'> => e.type === 'profile');
  }
  return { socket, roomId: roomIdForVisitorKey(key) };
}

export function openAgent(websocketUrl: string, agentToken: string): Promise<BenchSocket> {
  return BenchSocket.open(`${websocketUrl}?token=${agentToken}`);
}

/** The agent's connection joins a room; resolves once the room's history came back. */
export async function join(agent: BenchSocket, roomId: string): Promise<void> {
  await agent.request({ action: 'join', roomId }, (e): e is ServerEventOf<'history'> => e.type === 'history' && e.roomId === roomId);
}

/** `count` rooms, each a named visitor and an agent connection that joined it (2 connections a room). */
export async function openRoomsOfTwo(websocketUrl: string, agentToken: string, count: number): Promise<RoomOfTwo[]> {
  const rooms: RoomOfTwo[] = [];
  await forEachLimited(
    Array.from({ length: count }, (_, i) => i),
    OPENING_CONCURRENCY,
    async (i) => {
      const visitor = await openVisitor(websocketUrl, `Visitor ${i}`);
      const agent = await openAgent(websocketUrl, agentToken);
      await join(agent, visitor.roomId);
      rooms.push({ roomId: visitor.roomId, visitor: visitor.socket, agent });
    },
  );
  return rooms;
}

/** `count` connections that only connect (half visitors, half agents), as for memory. */
export async function openIdleConnections(websocketUrl: string, agentToken: string, count: number): Promise<BenchSocket[]> {
  const sockets: BenchSocket[] = [];
  await forEachLimited(
    Array.from({ length: count }, (_, i) => i),
    OPENING_CONCURRENCY,
    async (i) => {
      sockets.push(i % 2 === 0 ? (await openVisitor(websocketUrl)).socket : await openAgent(websocketUrl, agentToken));
    },
  );
  return sockets;
}

import { connect, createServer, type Socket } from 'node:net';
import { listenOnLoopback } from './ports.ts';

/**
 * A TCP hop between one browser and the local gateway that can lose the network the
 * way a train going into a tunnel does: `cut()` silently drops every byte in both
 * directions (no FIN, no RST, no close frame), so neither end learns of it except by
 * timing out. Chromium's offline emulation alone cannot do this: it leaves open
 * WebSockets working. Connections made while cut are black-holed too. `restore()`
 * lets new connections through; those from before the cut stay dead, as after a change
 * of address, so the client has to notice and reconnect by itself.
 */
export interface FlakyNetwork {
  /** ws://localhost:PORT, to put in the page's config.json instead of the gateway's URL. */
  readonly url: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startFlakyNetwork(target: URL): Promise<FlakyNetwork> {
  let up = true;
  /** Sockets whose bytes are dropped from now on. */
  const dead = new Set<Socket>();
  /** How to cut each live link. */
  const links = new Set<() => void>();
  const all = new Set<Socket>();
  const track = (socket: Socket) => {
    all.add(socket);
    socket.on('close', () => all.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  const server = createServer((client) => {
    track(client);
    if (!up) return blackhole(client);
    const upstream = connect(Number(target.port), target.hostname);
    track(upstream);
    let pair: [Socket, Socket] | undefined = [client, upstream];
    const forward = (from: Socket, to: Socket) =>
      from.on('data', (chunk) => {
        if (!dead.has(from)) to.write(chunk);
      });
    forward(client, upstream);
    forward(upstream, client);
    client.on('close', () => pair && upstream.destroy());
    upstream.on('close', () => pair && client.destroy());
    links.add(() => {
      // The cut: both sockets stay open, but everything they carry is dropped.
      if (!pair) return;
      for (const socket of pair) dead.add(socket);
      pair = undefined;
    });
  });
  const blackhole = (socket: Socket) => {
    dead.add(socket);
    socket.on('data', () => {});
  };

  const port = await listenOnLoopback(server, 0);
  return {
    url: `ws://localhost:${port}`,
    cut() {
      up = false;
      for (const cutLink of links) cutLink();
      links.clear();
    },
    restore() {
      up = true;
    },
    close: async () => {
      for (const socket of all) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

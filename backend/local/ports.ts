import type { Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';

/** A port that was free a moment ago: for tests, which must never clash with `npm start`. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly service: string,
    readonly envVar: string,
  ) {
    super(
      `Port ${port} (${service}) is already in use. Stop whatever holds it (another npm start?) ` +
        `or choose another port: ${envVar}=<port> npm start`,
    );
    this.name = 'PortInUseError';
  }
}

/** Says which port is taken, by name, before anything starts listening. */
export async function assertPortFree(port: number, service: string, envVar: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, service, envVar) : error),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** Listens on 127.0.0.1 (0 = any free port) and resolves with the port it got. */
export async function listenOnLoopback(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as { port: number }).port;
}

/** Closes an HTTP server now: keep-alive sockets (the SDK's) would hold close() open. */
export function closeNow(server: HttpServer): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

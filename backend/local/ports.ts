import { createServer } from 'node:net';

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

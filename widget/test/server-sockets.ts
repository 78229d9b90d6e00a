/**
 * The server side's own WebSocket clients in the widget's browser tests: a visitor, a
 * signed-in customer or an agent driven over a real WebSocket through server commands
 * (server-plugin.ts), and the agent's Cognito sign-in they need.
 */

import { randomBytes } from 'node:crypto';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { LocalStack } from '@support-chat/backend/local';
import type { ServerEvent } from '@support-chat/backend/protocol';
import WebSocket from 'ws';
import { DEMO_AGENT } from '../../backend/local/cognito.ts';
import { roomIdForVisitorKey } from '../../backend/src/auth/visitor-key.ts';

/** A visitor's or an agent's WebSocket, driven by the tests through server commands. */
export class TestSocket {
  readonly events: ServerEvent[] = [];
  private waiters = new Set<() => void>();

  private constructor(
    private readonly ws: WebSocket,
    readonly roomId?: string,
  ) {
    ws.on('message', (data) => {
      this.events.push(JSON.parse(String(data)) as ServerEvent);
      for (const wake of this.waiters) wake();
    });
  }

  static async connect(stack: LocalStack, token?: string): Promise<TestSocket> {
    return TestSocket.open(`${stack.websocketUrl}?token=${token ?? (await agentToken(stack))}`);
  }

  /** A visitor with a fresh key (and so a room of their own). */
  static visitor(stack: LocalStack): Promise<TestSocket> {
    const key = randomBytes(32).toString('base64url');
    return TestSocket.open(`${stack.websocketUrl}?visitorKey=${key}`, roomIdForVisitorKey(key));
  }

  /** A signed-in customer, with their identity token on the URL as the widget sends it. */
  static customer(stack: LocalStack, token: string): Promise<TestSocket> {
    return TestSocket.open(`${stack.websocketUrl}?identity=${encodeURIComponent(token)}`);
  }

  private static async open(url: string, roomId?: string): Promise<TestSocket> {
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new TestSocket(ws, roomId);
  }

  send(frame: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** The first event from index `from` on that matches, waiting up to 10 s for it. */
  waitFor(match: (event: ServerEvent) => boolean, from = 0): Promise<ServerEvent> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.events.slice(from).find(match);
        if (!found) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`socket: no matching event within 10 s; got ${JSON.stringify(this.events.slice(from))}`));
      }, 10_000);
      if (!check()) this.waiters.add(check);
    });
  }

  close(): void {
    this.ws.close();
  }
}

/** The demo agent (or another user with a permanent password) signs in as the agent console does against cognito-local. */
export async function agentToken(stack: LocalStack, user: { email: string; password: string } = DEMO_AGENT): Promise<string> {
  const { AuthenticationResult } = await stack.cognito.client.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: stack.cognito.clientId,
      AuthParameters: { USERNAME: user.email, PASSWORD: user.password },
    }),
  );
  return AuthenticationResult!.IdToken!;
}

import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTeamSettings } from '../src/team-defaults.ts';
import { TestSocket } from '../test/support/test-socket.ts';
import { newVisitorKey } from '../test/support/test-stack.ts';
import { DEMO_AGENT } from './cognito.ts';
import { PortInUseError } from './ports.ts';
import { startLocalStack } from './stack.ts';

const FREE = { gateway: 0, dynamodb: 0, cognito: 0, aws: 0, ses: 0, s3: 0 };

describe('the local stack', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'support-chat-stack-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps history, the user pool and its agents across a restart', async () => {
    const key = newVisitorKey();
    // No automatic away reply: the history is the visitor's message alone.
    const quiet = { ...defaultTeamSettings(), awayMessage: {} };
    const first = await startLocalStack({ dataDir, ports: FREE, teamDefaults: quiet });
    const pool = { userPoolId: first.cognito.userPoolId, clientId: first.cognito.clientId };
    try {
      const visitor = await TestSocket.open(`${first.websocketUrl}?visitorKey=${key}`);
      await visitor.request({ action: 'sendMessage', clientMsgId: 'persist', text: 'remember me' }, 'message');
      visitor.close();
    } finally {
      await first.stop();
    }

    const second = await startLocalStack({ dataDir, ports: FREE, teamDefaults: quiet });
    try {
      expect({ userPoolId: second.cognito.userPoolId, clientId: second.cognito.clientId }).toEqual(pool);
      const visitor = await TestSocket.open(`${second.websocketUrl}?visitorKey=${key}`);
      const history = await visitor.request({ action: 'history' }, 'history');
      expect(history.messages.map((m) => m.text)).toEqual(['remember me']);
      // Connections of the previous run are gone: nobody is counted in the room.
      expect(await second.deps.connections.members(history.roomId)).toHaveLength(1);
      // The demo agent is still an agent.
      const { AuthenticationResult } = await second.cognito.client.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: second.cognito.clientId,
          AuthParameters: { USERNAME: DEMO_AGENT.email, PASSWORD: DEMO_AGENT.password },
        }),
      );
      const agent = await TestSocket.open(`${second.websocketUrl}?token=${AuthenticationResult!.IdToken}`);
      const { rooms } = await agent.request({ action: 'listRooms' }, 'rooms');
      expect(rooms.map((r) => r.roomId)).toEqual([history.roomId]);
      agent.close();
      visitor.close();
    } finally {
      await second.stop();
    }
  });

  it('writes config.json in the shape of docs/protocol.md', async () => {
    const stack = await startLocalStack({ dataDir, ports: FREE, siteUrl: 'http://localhost:5999' });
    try {
      expect(Object.keys(stack.siteConfig).sort()).toEqual(
        ['agentConsoleUrl', 'cognitoEndpoint', 'publicApiUrl', 'region', 'userPoolClientId', 'userPoolId', 'websocketUrl'].sort(),
      );
      expect(stack.siteConfig.websocketUrl).toMatch(/^ws:\/\/localhost:\d+$/);
      expect(stack.siteConfig.agentConsoleUrl).toBe('http://localhost:5999/agent.html');
      expect(stack.siteConfig.userPoolId).toBe(stack.cognito.userPoolId);
    } finally {
      await stack.stop();
    }
  });

  it('says which port is taken, and how to move it', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const { port } = blocker.address() as { port: number };
    try {
      const attempt = startLocalStack({ dataDir, ports: { ...FREE, gateway: port } });
      await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
      await expect(attempt).rejects.toThrow(`Port ${port} (WebSocket gateway and @connections API) is already in use`);
      await expect(attempt).rejects.toThrow('GATEWAY_PORT=');
    } finally {
      blocker.close();
    }
  });

  it('serves an SNS Publish endpoint that keeps recent alerts and refuses malformed ones', async () => {
    const stack = await startLocalStack({ dataDir, ports: FREE });
    const sns = new SNSClient({ endpoint: stack.aws.endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    try {
      const published = await sns.send(
        new PublishCommand({
          TopicArn: stack.sns.topicArn,
          Subject: 'New chat: Kim',
          MessageStructure: 'json',
          Message: JSON.stringify({ default: 'plain', email: 'long form', sms: 'short' }),
        }),
      );
      expect(published.MessageId).toMatch(/^[0-9a-f-]{36}$/);
      await expect(
        sns.send(new PublishCommand({ TopicArn: stack.sns.topicArn, MessageStructure: 'json', Message: '{"email":"no default"}' })),
      ).rejects.toThrow(/No default entry/);
      await expect(sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:local:0:other', Message: 'x' }))).rejects.toThrow(
        /Topic does not exist/,
      );

      const alerts = await (await fetch(`${stack.aws.endpoint}/alerts`)).json();
      expect(alerts).toEqual([expect.objectContaining({ subject: 'New chat: Kim', default: 'plain', email: 'long form', sms: 'short' })]);
    } finally {
      sns.destroy();
      await stack.stop();
    }
  });

  it('serves the @connections API: GET describes a connection, DELETE closes it, and a gone one is 410', async () => {
    const stack = await startLocalStack({ dataDir, ports: FREE });
    try {
      const visitor = await TestSocket.open(`${stack.websocketUrl}?visitorKey=${newVisitorKey()}`);
      const [connectionId] = stack.gateway.connectionIds();
      const url = `${stack.handlerEnv.CONNECTIONS_ENDPOINT}/@connections/${encodeURIComponent(connectionId!)}`;
      const described = await (await fetch(url)).json();
      expect(described).toMatchObject({ identity: { sourceIp: expect.any(String) } });
      expect(new Date(described.connectedAt).getTime()).toBeGreaterThan(0);
      expect((await fetch(url, { method: 'POST', body: JSON.stringify({ type: 'pong' }) })).status).toBe(200);
      expect(await visitor.next('pong')).toEqual({ type: 'pong' });
      expect((await fetch(url, { method: 'DELETE' })).status).toBe(204);
      await visitor.closed;
      const gone = await fetch(url, { method: 'POST', body: '{}' });
      expect(gone.status).toBe(410);
    } finally {
      await stack.stop();
    }
  });
});

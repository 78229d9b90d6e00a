import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { agentVerifierFromEnv } from '../auth/agent-token.ts';
import { authorize, type Credentials } from '../auth/authorize.ts';
import { SignedLinks } from '../auth/signed-links.ts';
import { roomIdForCustomer } from '../auth/visitor-key.ts';
import { secretFromEnv, secretReaderFromEnv } from '../aws/secrets.ts';
import { identityVerifierFromEnv } from '../identity/identity-verifier.ts';
import { once } from '../once.ts';

/** What the authorizer hands to $connect (API Gateway passes it as requestContext.authorizer). */
export type AuthorizerContext =
  | { role: 'visitor'; roomId: string; resumed: boolean }
  /** `customer`: the verified identity as JSON (API Gateway passes only strings, numbers and booleans). */
  | { role: 'customer'; customer: string; handoverRoomId?: string }
  | { role: 'agent'; agentId: string; name: string; email?: string; admin: boolean };

/**
 * $connect's Lambda REQUEST authorizer. A thrown "Unauthorized" makes API Gateway answer
 * 401; a Deny policy makes it answer 403. The query string holds secrets (the visitor
 * key, a link's token, the ID token, a customer's identity token): nothing here logs the
 * event, only why it refused.
 */
export function makeAuthorizerHandler(credentials: () => Credentials, log: (line: string) => void = console.warn) {
  return async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
    const decision = await authorize(event.queryStringParameters, credentials());
    switch (decision.outcome) {
      case 'visitor':
        return policy(decision.roomId, 'Allow', event.methodArn, { role: 'visitor', roomId: decision.roomId, resumed: decision.resumed });
      case 'customer': {
        const { identity, handoverRoomId } = decision;
        return policy(roomIdForCustomer(identity.sub), 'Allow', event.methodArn, {
          role: 'customer',
          customer: JSON.stringify(identity),
          ...(handoverRoomId && { handoverRoomId }),
        });
      }
      case 'agent': {
        const { agentId, name, email, admin } = decision.agent;
        return policy(agentId, 'Allow', event.methodArn, { role: 'agent', agentId, name, admin, ...(email && { email }) });
      }
      case 'forbidden':
        return policy('not-an-agent', 'Deny', event.methodArn);
      case 'unauthorized':
        log(`refused a connection: ${decision.reason}`);
        throw new Error('Unauthorized');
    }
  };
}

function policy(principalId: string, effect: 'Allow' | 'Deny', resource: string, context?: AuthorizerContext): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] },
    ...(context && { context }),
  };
}

/** What the authorizer checks credentials with, from its environment (the local stack and the bench build the same). */
export function credentialsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  links: Credentials['links'] = new SignedLinks(secretFromEnv('LINK_SECRET_ARN', env)),
): Credentials {
  return { agents: agentVerifierFromEnv(env), links, identity: identityVerifierFromEnv(secretReaderFromEnv, env) };
}

export const handler = makeAuthorizerHandler(once(() => credentialsFromEnv()));

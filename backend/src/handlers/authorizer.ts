import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { type AgentTokenVerifier, agentVerifierFromEnv } from '../auth/agent-token.ts';
import { authorize } from '../auth/authorize.ts';
import { once } from '../once.ts';

/** What the authorizer hands to $connect (API Gateway passes it as requestContext.authorizer). */
export type AuthorizerContext =
  | { role: 'visitor'; roomId: string }
  | { role: 'agent'; agentId: string; name: string; email?: string };

/**
 * $connect's Lambda REQUEST authorizer. A thrown "Unauthorized" makes API Gateway answer
 * 401; a Deny policy makes it answer 403. The query string holds secrets (the visitor
 * key, the ID token): nothing here logs the event.
 */
export function makeAuthorizerHandler(verifier: () => AgentTokenVerifier) {
  return async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
    const decision = await authorize(event.queryStringParameters, verifier());
    switch (decision.outcome) {
      case 'visitor':
        return policy(decision.roomId, 'Allow', event.methodArn, { role: 'visitor', roomId: decision.roomId });
      case 'agent': {
        const { agentId, name, email } = decision.agent;
        return policy(agentId, 'Allow', event.methodArn, { role: 'agent', agentId, name, ...(email && { email }) });
      }
      case 'forbidden':
        return policy('not-an-agent', 'Deny', event.methodArn);
      case 'unauthorized':
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

export const handler = makeAuthorizerHandler(once(() => agentVerifierFromEnv()));

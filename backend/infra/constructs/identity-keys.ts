import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { IdentityMode } from '../../src/identity/identity-verifier.ts';

/** The kid of the key the stack generates; `npm run identity-secret -- rotate` adds the next ones. */
export const INITIAL_IDENTITY_KID = 'initial';

export interface IdentityKeysProps {
  /** How the deployment treats visitors' identity tokens (`IDENTITY_MODE`). */
  readonly mode: IdentityMode;
  /** The `aud` the tokens must carry (`IDENTITY_AUDIENCE`). */
  readonly audience: string;
  /**
   * The company's JSON Web Key Set (RS256/ES256), https only (`IDENTITY_JWKS_URL`).
   * @default - HS256 with the generated secret only
   */
  readonly jwksUrl?: string;
}

/**
 * What the deployment checks customers' identity tokens with (docs/identity.md): the mode,
 * the audience, the company's JWKS URL and, unless identity is off, the HS256 key(s) the
 * company's backend signs with, in a Secrets Manager secret the stack generates as
 * `{"kid":"initial","secret":"<48 letters and digits>"}`.
 *
 * The secret is the company's as much as ours: their backend holds a copy. So it never
 * rotates on its own (`npm run identity-secret -- rotate` adds a key beside the old one, the
 * verifier reads it within 5 minutes, and the old one is retired once the company signs with
 * the new), and it is kept when the stack is deleted or the resource replaced: nothing the
 * stack does may change the key out from under the company's backend.
 */
export class IdentityKeys extends Construct {
  public readonly mode: IdentityMode;
  public readonly audience: string;
  /** The HS256 keys; absent when identity is off. */
  public readonly secret: secretsmanager.Secret | undefined;
  /** `IDENTITY_*`, for the two functions that check tokens: the `$connect` authorizer and the public HTTP API's. */
  public readonly variables: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: IdentityKeysProps) {
    super(scope, id);
    this.mode = props.mode;
    this.audience = props.audience;
    if (props.mode === 'off') {
      this.secret = undefined;
      this.variables = { IDENTITY_MODE: 'off' };
      return;
    }
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: "Support chat: the HS256 key(s) the company's backend signs its customers' identity tokens with",
      // Changing these would make CloudFormation generate a new value: leave them as they are.
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ kid: INITIAL_IDENTITY_KID }),
        generateStringKey: 'secret',
        passwordLength: 48,
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        "The company's backend holds a copy of this key to sign its customers' identity tokens, so an automatic rotation would make every token it signs fail; `npm run identity-secret -- rotate` rotates it with both keys valid until the company has switched (docs/identity.md).",
    });
    this.variables = {
      IDENTITY_MODE: props.mode,
      IDENTITY_AUDIENCE: props.audience,
      IDENTITY_SECRET_ARN: this.secret.secretArn,
      ...(props.jwksUrl && { IDENTITY_JWKS_URL: props.jwksUrl }),
    };
  }

  /** Lets a function read the keys (nothing when identity is off). */
  grantRead(grantee: iam.IGrantable): void {
    this.secret?.grantRead(grantee);
  }
}

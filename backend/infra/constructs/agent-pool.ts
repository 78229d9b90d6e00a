import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ADMINS_GROUP, AGENTS_GROUP } from '../../src/protocol/agents.ts';

export interface AgentPoolProps {
  /**
   * What happens to the pool (and its agents group) when it leaves the stack. Agents'
   * accounts cannot be recreated with the same ids, so the default keeps them.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * The shortest password Cognito accepts; upper and lower case, digits and symbols are
   * always required.
   * @default 12
   */
  readonly minPasswordLength?: number;
}

/**
 * The agents' identities: a Cognito user pool where an administrator creates each agent
 * (no self sign-up) and adds them to the `agents` group, which the authorizer requires, and
 * those who may change the team's settings to the `admins` group too.
 */
export class AgentPool extends Construct {
  public readonly userPool: cognito.UserPool;
  /** The agent console's app client: public (no secret), SRP and password sign-in, refresh tokens. */
  public readonly client: cognito.UserPoolClient;
  /** Membership is what makes a user an agent (`cognito:groups` in the ID token). */
  public readonly agentsGroup: cognito.CfnUserPoolGroup;
  /** Agents who may also change the team's settings (hours, greetings, away message). */
  public readonly adminsGroup: cognito.CfnUserPoolGroup;

  constructor(scope: Construct, id: string, props: AgentPoolProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const minPasswordLength = props.minPasswordLength ?? 12;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        // The name visitors see when an agent answers.
        fullname: { required: false, mutable: true },
      },
      passwordPolicy: {
        minLength: minPasswordLength,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      mfa: cognito.Mfa.OFF,
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'The agent console signs in with amazon-cognito-identity-js and does not yet answer MFA challenges, so requiring MFA would lock every agent out. ' +
        `Accounts are created by an administrator only and need ${minPasswordLength}+ character complex passwords; require TOTP MFA once the console handles it.`,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus feature plan (threat protection) is billed per monthly active user; agents are a few administrator-created accounts with strong passwords on the Essentials plan. A deployment that needs compromised-credential detection can switch featurePlan to PLUS.',
    });

    this.agentsGroup = new cognito.CfnUserPoolGroup(this, 'AgentsGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: AGENTS_GROUP,
      description: 'Support agents: may connect to the chat as agents and answer visitors.',
    });
    // Deleting the group from a kept pool would silently strip every agent of the role.
    this.agentsGroup.applyRemovalPolicy(removalPolicy);
    this.adminsGroup = new cognito.CfnUserPoolGroup(this, 'AdminsGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: ADMINS_GROUP,
      description: "Agents who may change the team's settings: name, hours, holidays, greeting and away message.",
    });
    this.adminsGroup.applyRemovalPolicy(removalPolicy);

    this.client = this.userPool.addClient('ConsoleClient', {
      // A browser cannot keep a secret.
      generateSecret: false,
      // SRP against Cognito; USER_PASSWORD_AUTH for tools and the local stand-in.
      // Cognito adds ALLOW_REFRESH_TOKEN_AUTH to whatever is listed.
      authFlows: { userSrp: true, userPassword: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
    });
  }
}

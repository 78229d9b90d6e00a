import { randomInt } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminRemoveUserFromGroupCommand,
  type CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { ADMINS_GROUP, AGENTS_GROUP } from '../src/protocol/agents.ts';

export interface AgentRecord {
  email: string;
  status: string;
  enabled: boolean;
  /** In the admins group: may change the team's settings. */
  admin: boolean;
  createdAt?: Date;
}

export class AgentDirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentDirectoryError';
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The agents of a user pool: members of the `agents` group. The same calls serve
 * cognito-local and a deployed pool; only the client's endpoint and credentials differ.
 */
export class AgentDirectory {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  /**
   * Creates an agent with a temporary password (they choose their own at first sign-in)
   * and puts them in the agents group. `invite`: Cognito emails the temporary password
   * (real pools); otherwise the caller shows it.
   */
  async add(
    email: string,
    options: { name?: string; temporaryPassword?: string; invite: boolean; admin?: boolean },
  ): Promise<{ temporaryPassword: string }> {
    if (!EMAIL.test(email)) throw new AgentDirectoryError(`"${email}" is not an email address.`);
    if (options.name !== undefined && (options.name.trim() === '' || options.name.length > 80)) {
      throw new AgentDirectoryError('A name is 1 to 80 characters.');
    }
    if (await this.exists(email)) throw new AgentDirectoryError(`${email} already has an account in this user pool.`);
    const temporaryPassword = options.temporaryPassword ?? generatePassword();
    await this.client.send(
      new AdminCreateUserCommand({
        UserPoolId: this.userPoolId,
        Username: email,
        TemporaryPassword: temporaryPassword,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
          // Shown to visitors beside the agent's messages (the ID token's `name` claim).
          ...(options.name ? [{ Name: 'name', Value: options.name.trim() }] : []),
        ],
        ...(options.invite ? { DesiredDeliveryMediums: ['EMAIL'] } : { MessageAction: 'SUPPRESS' }),
      }),
    );
    await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: email, GroupName: AGENTS_GROUP }));
    if (options.admin) await this.setAdmin(email, true);
    return { temporaryPassword };
  }

  /** Makes an agent an admin (who may change the team's settings), or no longer one. Takes effect at their next sign-in. */
  async setAdmin(email: string, admin: boolean): Promise<void> {
    if (!(await this.exists(email))) throw new AgentDirectoryError(`No account for ${email} in this user pool.`);
    const input = { UserPoolId: this.userPoolId, Username: email, GroupName: ADMINS_GROUP };
    await this.client.send(admin ? new AdminAddUserToGroupCommand(input) : new AdminRemoveUserFromGroupCommand(input));
  }

  async list(): Promise<AgentRecord[]> {
    const [agents, admins] = await Promise.all([this.members(AGENTS_GROUP), this.members(ADMINS_GROUP)]);
    const adminEmails = new Set(admins.map((user) => emailOf(user)));
    return agents.map((user) => toRecord(user, adminEmails.has(emailOf(user)))).sort((a, b) => a.email.localeCompare(b.email));
  }

  private async members(group: string): Promise<UserType[]> {
    const users: UserType[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListUsersInGroupCommand({ UserPoolId: this.userPoolId, GroupName: group, NextToken: nextToken }),
      );
      users.push(...(page.Users ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
    return users;
  }

  /** Deletes the agent's account: they can no longer sign in. */
  async remove(email: string): Promise<void> {
    if (!(await this.exists(email))) throw new AgentDirectoryError(`No account for ${email} in this user pool.`);
    await this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: email }));
  }

  private async exists(email: string): Promise<boolean> {
    try {
      await this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: email }));
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'UserNotFoundException') return false;
      throw error;
    }
  }
}

function emailOf(user: UserType): string {
  return user.Attributes?.find((a) => a.Name === 'email')?.Value ?? user.Username ?? '?';
}

function toRecord(user: UserType, admin: boolean): AgentRecord {
  return {
    email: emailOf(user),
    status: user.UserStatus ?? 'UNKNOWN',
    enabled: user.Enabled ?? true,
    admin,
    createdAt: user.UserCreateDate,
  };
}

/** 16 characters with upper, lower, digit and symbol: satisfies Cognito's strongest policy. */
export function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!@#%^*-_=+'];
  const all = sets.join('');
  const chars = [...sets.map((set) => set[randomInt(set.length)]!), ...Array.from({ length: 12 }, () => all[randomInt(all.length)]!)];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

import { randomInt } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminRemoveUserFromGroupCommand,
  type CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { type AgentDirectory, AgentExistsError, type DirectoryAgent } from '../chat/ports.ts';
import { ADMINS_GROUP, AGENTS_GROUP } from '../protocol/agents.ts';

/** An agent as the user pool holds them, with what `npm run agents -- list` shows. */
export interface CognitoAgent extends DirectoryAgent {
  status: string;
  enabled: boolean;
  createdAt?: Date;
}

/** A refusal worded for whoever manages agents (the CLI prints it as it is). */
export class AgentDirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentDirectoryError';
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The agents of a user pool: members of the `agents` group (and those of `admins`). The
 * same calls serve cognito-local and a deployed pool; only the client's endpoint and
 * credentials differ. Used by the console's admins (through `$default`) and by
 * `npm run agents`. An agent is named by their id (the `sub` their tokens carry) or their
 * email: a local pool's user names are emails, a deployed one's are ids, and both accept
 * the email.
 */
export class CognitoDirectory implements AgentDirectory {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
    /** Cognito emails invitations (a deployed pool); a local pool cannot, and the temporary password is handed back. */
    private readonly sendsInvitations = true,
  ) {}

  async list(): Promise<CognitoAgent[]> {
    const [agents, admins] = await Promise.all([this.members(AGENTS_GROUP), this.members(ADMINS_GROUP)]);
    const adminIds = new Set(admins.map(idOf));
    return agents.map((user) => toAgent(user, adminIds.has(idOf(user)))).sort((a, b) => a.email.localeCompare(b.email));
  }

  async get(agentId: string): Promise<CognitoAgent | undefined> {
    return (await this.list()).find((agent) => agent.agentId === agentId);
  }

  async invite(agent: { email: string; name: string; admin: boolean }): Promise<{ agentId: string; temporaryPassword?: string }> {
    const created = await this.add(agent.email, { name: agent.name, invite: this.sendsInvitations, admin: agent.admin });
    return { agentId: created.agentId, ...(!this.sendsInvitations && { temporaryPassword: created.temporaryPassword }) };
  }

  /**
   * Creates an agent with a temporary password (they choose their own at first sign-in)
   * and puts them in the agents group. `invite`: Cognito emails the temporary password
   * (real pools); otherwise the caller shows it.
   */
  async add(
    email: string,
    options: { name?: string; temporaryPassword?: string; invite: boolean; admin?: boolean },
  ): Promise<{ agentId: string; temporaryPassword: string }> {
    if (!EMAIL.test(email)) throw new AgentDirectoryError(`"${email}" is not an email address.`);
    if (options.name !== undefined && (options.name.trim() === '' || options.name.length > 80)) {
      throw new AgentDirectoryError('A name is 1 to 80 characters.');
    }
    if (await this.find(email)) throw new AgentExistsError(`${email} already has an account in this user pool.`);
    const temporaryPassword = options.temporaryPassword ?? generatePassword();
    let created: UserType | undefined;
    try {
      ({ User: created } = await this.client.send(
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
      ));
    } catch (error) {
      if (error instanceof Error && error.name === 'UsernameExistsException') {
        throw new AgentExistsError(`${email} already has an account in this user pool.`);
      }
      throw error;
    }
    await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: email, GroupName: AGENTS_GROUP }));
    if (options.admin) await this.group(email, ADMINS_GROUP, true);
    return { agentId: created ? idOf(created) : (await this.find(email))!.agentId, temporaryPassword };
  }

  /** Makes an agent an admin (who may change the team's settings), or no longer one. Takes effect at their next sign-in. */
  async setAdmin(agentIdOrEmail: string, admin: boolean): Promise<void> {
    await this.group(await this.username(agentIdOrEmail), ADMINS_GROUP, admin);
  }

  /** Deletes the agent's account: they can no longer sign in. */
  async remove(agentIdOrEmail: string): Promise<void> {
    await this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: await this.username(agentIdOrEmail) }));
  }

  private async group(username: string, group: string, member: boolean): Promise<void> {
    const input = { UserPoolId: this.userPoolId, Username: username, GroupName: group };
    await this.client.send(member ? new AdminAddUserToGroupCommand(input) : new AdminRemoveUserFromGroupCommand(input));
  }

  /** The user name Cognito's admin calls take: the agent's email, which every pool accepts. */
  private async username(agentIdOrEmail: string): Promise<string> {
    const agent = agentIdOrEmail.includes('@') ? await this.find(agentIdOrEmail) : await this.get(agentIdOrEmail);
    if (!agent) throw new AgentDirectoryError(`No account for ${agentIdOrEmail} in this user pool.`);
    return agent.email;
  }

  private async find(email: string): Promise<CognitoAgent | undefined> {
    const wanted = email.toLowerCase();
    return (await this.list()).find((agent) => agent.email.toLowerCase() === wanted);
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
}

function attribute(user: UserType, name: string): string | undefined {
  return user.Attributes?.find((a) => a.Name === name)?.Value;
}

/** The agent's id: the `sub` their ID tokens carry. */
function idOf(user: UserType): string {
  return attribute(user, 'sub') ?? user.Username ?? '?';
}

function toAgent(user: UserType, admin: boolean): CognitoAgent {
  const name = attribute(user, 'name');
  return {
    agentId: idOf(user),
    email: attribute(user, 'email') ?? user.Username ?? '?',
    ...(name !== undefined && { name }),
    admin,
    invited: user.UserStatus === 'FORCE_CHANGE_PASSWORD',
    status: user.UserStatus ?? 'UNKNOWN',
    enabled: user.Enabled ?? true,
    ...(user.UserCreateDate && { createdAt: user.UserCreateDate }),
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

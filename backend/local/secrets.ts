import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { Reply } from './sns.ts';

interface StoredSecret {
  arn: string;
  name: string;
  value: string;
  versionId: string;
  createdAt: number;
}

/**
 * Secrets Manager's GetSecretValue, CreateSecret and PutSecretValue, in the JSON protocol
 * @aws-sdk/client-secrets-manager speaks, kept in one file under the local stack's data
 * folder so they survive a restart (a link in an email sent yesterday still opens).
 */
export class LocalSecrets {
  private constructor(
    private readonly file: string,
    private readonly secrets: Map<string, StoredSecret>,
  ) {}

  static async open(file: string): Promise<LocalSecrets> {
    let stored: StoredSecret[] = [];
    try {
      stored = JSON.parse(await readFile(file, 'utf8')) as StoredSecret[];
    } catch {
      // No file yet: no secrets yet.
    }
    return new LocalSecrets(file, new Map(stored.map((secret) => [secret.name, secret])));
  }

  /** A secret's ARN, creating it with a random value (or `initial()`'s) the first time. */
  async ensure(name: string, initial: () => string = () => randomBytes(32).toString('base64url')): Promise<string> {
    const existing = this.secrets.get(name);
    if (existing) return existing.arn;
    return (await this.put(name, initial())).arn;
  }

  /** A secret's current value, for the local stack's own tools (the demo's token endpoint). */
  value(name: string): string | undefined {
    return this.secrets.get(name)?.value;
  }

  async handle(operation: string, input: { SecretId?: string; Name?: string; SecretString?: string }): Promise<Reply> {
    switch (operation) {
      case 'GetSecretValue': {
        const secret = this.find(input.SecretId);
        if (!secret) return notFound();
        return json({
          ARN: secret.arn,
          Name: secret.name,
          SecretString: secret.value,
          VersionId: secret.versionId,
          VersionStages: ['AWSCURRENT'],
          CreatedDate: secret.createdAt / 1000,
        });
      }
      case 'CreateSecret': {
        if (!input.Name || input.SecretString === undefined)
          return error('InvalidParameterException', 'Name and SecretString are required.');
        if (this.secrets.has(input.Name))
          return error('ResourceExistsException', `The operation failed because the secret ${input.Name} already exists.`);
        const secret = await this.put(input.Name, input.SecretString);
        return json({ ARN: secret.arn, Name: secret.name, VersionId: secret.versionId });
      }
      case 'PutSecretValue': {
        const existing = this.find(input.SecretId);
        if (!existing) return notFound();
        if (input.SecretString === undefined) return error('InvalidParameterException', 'SecretString is required.');
        const secret = await this.put(existing.name, input.SecretString);
        return json({ ARN: secret.arn, Name: secret.name, VersionId: secret.versionId, VersionStages: ['AWSCURRENT'] });
      }
      default:
        return error('InvalidAction', `The local Secrets Manager does not know ${operation}.`);
    }
  }

  private find(id: string | undefined): StoredSecret | undefined {
    return [...this.secrets.values()].find((secret) => secret.name === id || secret.arn === id);
  }

  private async put(name: string, value: string): Promise<StoredSecret> {
    const arn = this.secrets.get(name)?.arn ?? `arn:aws:secretsmanager:local:000000000000:secret:${name}-${randomBytes(3).toString('hex')}`;
    const secret = { arn, name, value, versionId: randomUUID(), createdAt: Date.now() };
    this.secrets.set(name, secret);
    await writeFile(this.file, JSON.stringify([...this.secrets.values()], null, 2), { mode: 0o600 });
    return secret;
  }
}

function json(body: unknown): Reply {
  return { status: 200, type: 'application/x-amz-json-1.1', body: JSON.stringify(body) };
}

function error(code: string, message: string): Reply {
  return { status: 400, type: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: code, message }) };
}

function notFound(): Reply {
  return error('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
}

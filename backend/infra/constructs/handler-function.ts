import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const handlersDir = join(repoRoot, 'backend', 'src', 'handlers');

export interface HandlerFunctionOptions {
  /** The handler module in backend/src/handlers, e.g. `default.ts`. */
  readonly file: string;
  readonly timeout: Duration;
  readonly environment: Record<string, string>;
  /**
   * Memory; Lambda's CPU share grows with it, which shortens cold starts.
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * How long the function's logs are kept.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * One of the project's Lambda functions, bundled from `backend/src/handlers` with the AWS
 * SDK inside, on Node 22 / arm64, with a role and a log group of its own (rather than
 * AWSLambdaBasicExecutionRole, which may write to any log group).
 */
export function handlerFunction(scope: Construct, name: string, options: HandlerFunctionOptions): nodejs.NodejsFunction {
  const logGroup = new logs.LogGroup(scope, `${name}Logs`, { retention: options.logRetention ?? logs.RetentionDays.ONE_MONTH });
  const role = new iam.Role(scope, `${name}Role`, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `Support chat ${name} function`,
  });
  logGroup.grantWrite(role);
  const fn = new nodejs.NodejsFunction(scope, name, {
    entry: join(handlersDir, options.file),
    handler: 'handler',
    // esbuild runs at the repository root, where the workspaces' one lock file is.
    projectRoot: repoRoot,
    depsLockFilePath: join(repoRoot, 'package-lock.json'),
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: options.memorySize ?? 512,
    timeout: options.timeout,
    role,
    logGroup,
    environment: { ...options.environment, NODE_OPTIONS: '--enable-source-maps' },
    bundling: {
      format: nodejs.OutputFormat.ESM,
      // Prefer dependencies' ES module builds, which esbuild tree-shakes best.
      mainFields: ['module', 'main'],
      // CommonJS code inside an ES module bundle still calls require() for built-ins.
      banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      minify: true,
      sourceMap: true,
      // Bundle the AWS SDK too: the version tested is the version deployed, and a
      // bundled, tree-shaken SDK loads faster than the runtime's full copy.
      externalModules: [],
      bundleAwsSDK: true,
    },
  });
  Validations.of(fn).acknowledge({
    id: 'AwsSolutions-L1',
    reason:
      'Node.js 22 on arm64 is the runtime the project targets and tests its handlers against; moving to a newer runtime is a deliberate upgrade, not a drift to follow silently.',
  });
  return fn;
}

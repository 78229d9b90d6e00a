import { AssetHashType, DockerImage, type Duration, type ILocalBundling, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { bundleHandlerSync, handlersDir } from '../bundling.ts';

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
 * SDK inside (infra/bundling.ts), on Node 22 / arm64, with a role and a log group of its
 * own (rather than AWSLambdaBasicExecutionRole, which may write to any log group).
 *
 * A plain lambda.Function rather than NodejsFunction: NodejsFunction bundles into one
 * file, and a handler's bundle is split (what only some requests need loads on first
 * use). esbuild runs from here (in a child process: see bundleHandlerSync), with the
 * options the bench and the bundle budgets' test use; the asset is named by the hash of
 * what it built.
 */
export function handlerFunction(scope: Construct, name: string, options: HandlerFunctionOptions): lambda.Function {
  const logGroup = new logs.LogGroup(scope, `${name}Logs`, { retention: options.logRetention ?? logs.RetentionDays.ONE_MONTH });
  const role = new iam.Role(scope, `${name}Role`, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `Support chat ${name} function`,
  });
  logGroup.grantWrite(role);
  const fn = new lambda.Function(scope, name, {
    code: lambda.Code.fromAsset(handlersDir, {
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        // Never pulled: local bundling always succeeds or throws (esbuild is a dependency).
        image: DockerImage.fromRegistry('dummy'),
        local: new LocalBundling(options.file),
      },
    }),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: options.memorySize ?? 512,
    timeout: options.timeout,
    role,
    logGroup,
    environment: { ...options.environment, NODE_OPTIONS: '--enable-source-maps' },
  });
  Validations.of(fn).acknowledge({
    id: 'AwsSolutions-L1',
    reason:
      'Node.js 22 on arm64 is the runtime the project targets and tests its handlers against; moving to a newer runtime is a deliberate upgrade, not a drift to follow silently.',
  });
  return fn;
}

/**
 * Bundles a handler with esbuild in this process. A class with the file as a field, not
 * an object literal: CDK keys its cache of assets on the bundling options as JSON, which
 * drops functions, and every handler would have been given the first one's bundle.
 */
class LocalBundling implements ILocalBundling {
  constructor(readonly file: string) {}

  tryBundle(outputDir: string): boolean {
    bundleHandlerSync(this.file, outputDir);
    return true;
  }
}

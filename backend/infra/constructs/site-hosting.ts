import { DefaultStackSynthesizer, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { SiteConfig } from '../../src/protocol/site-config.ts';
import { managedPolicyFinding, wildcardActionFinding, wildcardResourceFinding } from '../nag-findings.ts';
import { PUBLIC_API_PATH } from './public-api.ts';

/** `config.json` in production: the shared shape, without the local-only `cognitoEndpoint`. */
export type DeployedSiteConfig = Omit<SiteConfig, 'cognitoEndpoint'>;

export interface SiteHostingProps {
  /**
   * The built site to publish (`demo-site/dist`): the widget's scripts (`support-chat.js`,
   * the loader the script tag names, and the chat and file code beside it), `index.html`
   * and `agent.html`. A `config.json` in it is ignored; this construct
   * writes the deployed one.
   */
  readonly siteDirectory: string;
  /** The values `config.json` carries, except the URLs that are this site's. */
  readonly config: Omit<DeployedSiteConfig, 'agentConsoleUrl' | 'publicApiUrl'>;
  /** The public HTTP API's domain, served under this site's /api/. */
  readonly publicApiDomain: string;
  /**
   * Where the site's pages may connect besides themselves (the Content-Security-Policy's
   * `connect-src`): the WebSocket API's origin, the Cognito endpoint and the attachments
   * bucket (uploads).
   */
  readonly connectSources: readonly string[];
  /**
   * Where the site's pages may load images from besides themselves and `data:` (the CSP's
   * `img-src`): the attachments bucket, whose links show thumbnails.
   * @default - none
   */
  readonly imageSources?: readonly string[];
  /**
   * How long browsers and CloudFront may reuse a file before asking again. The script's
   * name is fixed (customers' pages point at it), so this bounds how late a release arrives.
   * @default Duration.minutes(5)
   */
  readonly maxAge?: Duration;
  /**
   * CloudFront edge locations to serve from.
   * @default cloudfront.PriceClass.PRICE_CLASS_100
   */
  readonly priceClass?: cloudfront.PriceClass;
  /**
   * How long access logs (the bucket's and CloudFront's) are kept.
   * @default Duration.days(90)
   */
  readonly accessLogExpiration?: Duration;
}

/**
 * The widget script, the demo site, the agent console and `config.json`, in a private
 * S3 bucket served only through CloudFront (origin access control), HTTPS only; and the
 * public HTTP API under /api/, on the same origin.
 */
export class SiteHosting extends Construct {
  public readonly bucket: s3.Bucket;
  /** Server access logs of {@link bucket} and CloudFront's standard logs. */
  public readonly accessLogsBucket: s3.Bucket;
  public readonly distribution: cloudfront.Distribution;
  public readonly responseHeadersPolicy: cloudfront.ResponseHeadersPolicy;
  public readonly deployment: s3deploy.BucketDeployment;
  /** `https://{distribution domain}` */
  public readonly url: string;
  public readonly scriptUrl: string;
  public readonly configUrl: string;
  public readonly agentConsoleUrl: string;
  /** `{url}/api`: the public HTTP API on this site's origin. */
  public readonly publicApiUrl: string;
  /** The Content-Security-Policy the pages are served with. */
  public readonly contentSecurityPolicy: string;

  constructor(scope: Construct, id: string, props: SiteHostingProps) {
    super(scope, id);
    const maxAge = props.maxAge ?? Duration.minutes(5);

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logs support neither SSE-KMS nor buckets without ACLs.
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: props.accessLogExpiration ?? Duration.days(90) }],
      // Access logs are the audit trail; they outlive the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 's3/',
      // Everything in it is rebuilt from the repository on each deploy.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const connectSrc = ["'self'", ...props.connectSources].join(' ');
    this.contentSecurityPolicy = [
      "default-src 'self'",
      "script-src 'self'",
      // Lit adopts constructable stylesheets, which style-src 'self' allows without 'unsafe-inline'.
      "style-src 'self'",
      `img-src ${["'self'", 'data:', ...(props.imageSources ?? [])].join(' ')}`,
      `connect-src ${connectSrc}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; ');

    this.responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Support chat: security headers and CORS for the widget files',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: this.contentSecurityPolicy, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
      // Customers' pages fetch config.json (and may load the script as a module) from
      // their own origin. Nothing here is private or uses credentials.
      corsBehavior: {
        accessControlAllowOrigins: ['*'],
        accessControlAllowMethods: ['GET', 'HEAD'],
        accessControlAllowHeaders: ['*'],
        accessControlAllowCredentials: false,
        accessControlMaxAge: Duration.days(1),
        originOverride: true,
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Support chat widget, demo site and agent console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeadersPolicy,
        compress: true,
      },
      additionalBehaviors: this.publicApiBehaviors(props.publicApiDomain),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: props.priceClass ?? cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.accessLogsBucket,
      logFilePrefix: 'cloudfront/',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        "The chat serves a company's visitors wherever they are; a geographic restriction would be a business decision per deployment, not a default.",
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'The distribution serves static, public files (the widget script, the pages, config.json) from S3 through origin access control, and under /api/ a small public HTTP API (the team status, cached at the edge, and unsubscribe links that carry signed tokens) whose stage throttles requests; with Shield Standard, a WAF web ACL (per-request charges) is left as a choice per deployment. The chat traffic itself goes to the WebSocket API, which has its own throttling.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        "The distribution uses CloudFront's default *.cloudfront.net certificate (no custom domain is configured), whose security policy cannot be set; with a custom domain, pass a certificate and TLSv1.2_2021.",
    });

    this.url = `https://${this.distribution.distributionDomainName}`;
    this.scriptUrl = `${this.url}/support-chat.js`;
    this.configUrl = `${this.url}/config.json`;
    this.agentConsoleUrl = `${this.url}/agent.html`;
    this.publicApiUrl = `${this.url}${PUBLIC_API_PATH}`;

    const config: DeployedSiteConfig = {
      websocketUrl: props.config.websocketUrl,
      region: props.config.region,
      userPoolId: props.config.userPoolId,
      userPoolClientId: props.config.userPoolClientId,
      agentConsoleUrl: this.agentConsoleUrl,
      publicApiUrl: this.publicApiUrl,
    };
    this.deployment = new s3deploy.BucketDeployment(this, 'Deployment', {
      sources: [
        // A config.json left in the build (the local stack writes one for Vite) must not
        // shadow the deployed one.
        s3deploy.Source.asset(props.siteDirectory, { exclude: ['config.json'] }),
        s3deploy.Source.jsonData('config.json', config),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      cacheControl: [s3deploy.CacheControl.setPublic(), s3deploy.CacheControl.maxAge(maxAge)],
      memoryLimit: 512,
      // The object list can outgrow a custom resource's 4 KB response; nothing reads it.
      outputObjectKeys: false,
      logGroup: new logs.LogGroup(this, 'DeploymentLogs', {
        retention: logs.RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    this.acknowledgeDeploymentHandler();
  }

  /**
   * The public HTTP API under /api/: team.json cached briefly at the edge (every page load
   * of a site whose widget hides its launcher after hours asks for it), the rest never.
   */
  private publicApiBehaviors(domainName: string): Record<string, cloudfront.BehaviorOptions> {
    const origin = new origins.HttpOrigin(domainName, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY });
    const teamStatus = new cloudfront.CachePolicy(this, 'TeamStatusCache', {
      comment: 'Support chat: team.json, as long as its Cache-Control says (30 s)',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(30),
      maxTtl: Duration.seconds(60),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    return {
      [`${PUBLIC_API_PATH}/team.json`]: {
        origin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: teamStatus,
        compress: true,
      },
      [`${PUBLIC_API_PATH}/*`]: {
        origin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        // The query string (an unsubscribe link's token) and the form, but not the Host:
        // API Gateway answers only to its own.
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
    };
  }

  /**
   * The findings on the function behind {@link deployment}, which aws-cdk-lib writes: its
   * runtime, its managed policy and the policy it grants itself on the two buckets.
   */
  private acknowledgeDeploymentHandler(): void {
    const stack = Stack.of(this);
    const role = this.deployment.handlerRole;
    // BucketDeployment exposes the role of its handler but not the handler, a singleton
    // function CDK creates at the stack's top level and shares between deployments with the
    // same settings. The handler is the function that runs as that role: found by the role
    // object itself, not by the construct ids CDK happens to give them.
    const handler = stack.node.findAll().find((construct) => construct instanceof lambda.Function && construct.role === role);
    if (!handler) throw new Error('SiteHosting: no function runs as the BucketDeployment handler role');

    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason: "CDK's BucketDeployment handler, whose runtime aws-cdk-lib chooses and updates with each release.",
    });

    // Source.asset reads the site from the CDK bootstrap's file assets bucket.
    const qualifier = stack.synthesizer.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const assetsBucketArn = `arn:${stack.partition}:s3:::cdk-${qualifier}-assets-${stack.account}-${stack.region}`;
    const reason =
      "The handler of CDK's BucketDeployment (aws-cdk-lib), which copies the built site from the CDK assets bucket into the site bucket and invalidates the distribution; CDK writes this policy and scopes it to those two buckets.";
    // On the role, which covers the default policy CDK attaches to it: a Role has no
    // accessor for that policy.
    for (const finding of [
      managedPolicyFinding(this, iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')),
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map(wildcardActionFinding),
      wildcardResourceFinding(this, `${assetsBucketArn}/*`),
      wildcardResourceFinding(this, this.bucket.arnForObjects('*')),
    ]) {
      Validations.of(role).acknowledge({ id: finding, reason });
    }
    Validations.of(role).acknowledge({
      id: wildcardResourceFinding(this, '*'),
      reason:
        'cloudfront:CreateInvalidation and cloudfront:GetInvalidation for CDK\'s BucketDeployment, which grants them on "*" and offers no way to scope them to this distribution; they can only expire cached files.',
    });
  }
}

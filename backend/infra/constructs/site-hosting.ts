import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { SiteConfig } from '../../src/protocol/site-config.ts';

/** `config.json` in production: the shared shape, without the local-only `cognitoEndpoint`. */
export type DeployedSiteConfig = Omit<SiteConfig, 'cognitoEndpoint'>;

export interface SiteHostingProps {
  /**
   * The built site to publish (`demo-site/dist`): the widget script `support-chat.js`,
   * `index.html` and `agent.html`. A `config.json` in it is ignored; this construct
   * writes the deployed one.
   */
  readonly siteDirectory: string;
  /** The values `config.json` carries, except the agent console URL, which is this site's. */
  readonly config: Omit<DeployedSiteConfig, 'agentConsoleUrl'>;
  /**
   * Where the site's pages may connect besides themselves (the Content-Security-Policy's
   * `connect-src`): the WebSocket API's origin and the Cognito endpoint.
   */
  readonly connectSources: readonly string[];
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
 * S3 bucket served only through CloudFront (origin access control), HTTPS only.
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
      "img-src 'self' data:",
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
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: props.priceClass ?? cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.accessLogsBucket,
      logFilePrefix: 'cloudfront/',
    });

    this.url = `https://${this.distribution.distributionDomainName}`;
    this.scriptUrl = `${this.url}/support-chat.js`;
    this.configUrl = `${this.url}/config.json`;
    this.agentConsoleUrl = `${this.url}/agent.html`;

    const config: DeployedSiteConfig = {
      websocketUrl: props.config.websocketUrl,
      region: props.config.region,
      userPoolId: props.config.userPoolId,
      userPoolClientId: props.config.userPoolClientId,
      agentConsoleUrl: this.agentConsoleUrl,
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
  }
}

import { CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { wildcardResourceFinding } from '../nag-findings.ts';

export interface EmailSenderProps {
  /** The sender of emails, e.g. `support@example.com` or `Practical Cloud <support@example.com>`. */
  readonly mailFrom: string;
  /**
   * Verify this whole domain (Easy DKIM; its DNS records are stack outputs) instead of the
   * one address, which SES verifies by mailing it a link.
   * @default - the address alone
   */
  readonly mailDomain?: string;
}

/**
 * Email through Amazon SES: the sending identity of `mailFrom`, and the grant to send from
 * it. The functions that send are `$default` (transcripts, an assignee's alert) and the
 * checks function (unread replies, see ScheduledChecks); `MAIL_FROM` in their environment
 * is what turns email on.
 */
export class EmailSender extends Construct {
  public readonly identity: ses.EmailIdentity;
  public readonly mailFrom: string;
  /** The bare address of `mailFrom`, the only one the functions may send from. */
  public readonly address: string;

  constructor(scope: Construct, id: string, props: EmailSenderProps) {
    super(scope, id);
    const address = /<([^<>\s]+@[^<>\s]+)>$/.exec(props.mailFrom)?.[1] ?? props.mailFrom;
    if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(address)) throw new Error(`mailFrom: "${props.mailFrom}" is not an email address`);
    if (props.mailDomain && !address.endsWith(`@${props.mailDomain}`)) {
      throw new Error(`mailFrom: ${address} is not an address of the mailDomain ${props.mailDomain}`);
    }
    this.mailFrom = props.mailFrom;
    this.address = address;
    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: props.mailDomain ? ses.Identity.domain(props.mailDomain) : ses.Identity.email(address),
    });
    if (props.mailDomain) {
      this.identity.dkimRecords.forEach((record, i) => {
        new CfnOutput(this, `DkimRecord${i + 1}`, {
          value: `${record.name} CNAME ${record.value}`,
          description: "Add to the domain's DNS so SES can send from it",
        });
      });
    }
  }

  /** `MAIL_FROM`, for the functions that send. */
  get variables(): Record<string, string> {
    return { MAIL_FROM: this.mailFrom };
  }

  /**
   * Lets a function send email from `mailFrom`, and from no other address. SES authorizes a
   * send against the sender's identity and, while the account is in the SES sandbox, against
   * each recipient's verified identity as well, so a grant on the sender's identity alone
   * fails every send until production access: the grant is on the account's identities, and
   * the condition holds it to the one From address.
   */
  grantSend(fn: lambda.IFunction): void {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [this.anyIdentityArn],
        conditions: { StringEquals: { 'ses:FromAddress': this.address } },
      }),
    );
    Validations.of(fn.role!).acknowledge({
      id: wildcardResourceFinding(this, this.anyIdentityArn),
      reason:
        "SES checks each recipient's identity too while the account is in the SES sandbox; the ses:FromAddress condition allows sending from -c mailFrom only.",
    });
  }

  private get anyIdentityArn(): string {
    return Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: '*' });
  }
}

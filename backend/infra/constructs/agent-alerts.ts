import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AgentAlertsProps {
  /**
   * Addresses that get an email for each alert. Each must confirm the subscription from
   * the message AWS sends it.
   * @default - no email subscriptions
   */
  readonly emails?: readonly string[];
  /**
   * Phone numbers in E.164 form (`+15550100`) that get an SMS for each alert.
   * @default - no SMS subscriptions
   */
  readonly phoneNumbers?: readonly string[];
}

/** The SNS topic that tells agents a visitor is waiting (docs/protocol.md, "Alerts"). */
export class AgentAlerts extends Construct {
  public readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AgentAlertsProps = {}) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Support chat',
      // Alerts carry visitors' names, emails and messages. The AWS managed key (aws/sns)
      // encrypts them at rest; its key policy already lets SNS use it for publishers in
      // this account, so the publishers ($default, and the checks function's escalations)
      // need no key grant.
      masterKey: kms.Alias.fromAliasName(this, 'SnsManagedKey', 'alias/aws/sns'),
      enforceSSL: true,
    });
    for (const email of props.emails ?? []) {
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error(`alertEmails: "${email}" is not an email address`);
      this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    }
    for (const phone of props.phoneNumbers ?? []) {
      if (!/^\+[1-9]\d{1,14}$/.test(phone)) throw new Error(`alertPhones: "${phone}" is not an E.164 phone number such as +15550100`);
      this.topic.addSubscription(new subscriptions.SmsSubscription(phone));
    }
  }
}

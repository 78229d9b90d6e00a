import { randomUUID } from 'node:crypto';

/** One alert as the local SNS endpoint received it: what each kind of subscriber would get. */
export interface ReceivedAlert {
  messageId: string;
  receivedAt: string;
  topicArn: string;
  subject?: string;
  /** The variants of a MessageStructure=json publish; `default` alone for a plain one. */
  default: string;
  email?: string;
  sms?: string;
}

export const LOCAL_TOPIC_ARN = 'arn:aws:sns:local:000000000000:support-chat-alerts';
const KEEP = 50;
const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

export interface Reply {
  status: number;
  body: string;
  type: string;
}

/**
 * SNS's Publish, in the AWS Query protocol (form-encoded request, XML reply) that
 * @aws-sdk/client-sns speaks. Each alert is printed and the recent ones kept, newest first.
 */
export class LocalSns {
  readonly topicArn = LOCAL_TOPIC_ARN;
  private readonly alerts: ReceivedAlert[] = [];

  constructor(private readonly print: (alert: ReceivedAlert) => void) {}

  /** Newest first. */
  recent(): ReceivedAlert[] {
    return [...this.alerts];
  }

  publish(form: URLSearchParams): Reply {
    const alerts = this.alerts;
    const print = this.print;
    const action = form.get('Action');
    if (action !== 'Publish') return xml(400, errorXml('InvalidAction', `The local SNS endpoint only knows Publish, not ${action}.`));

    const topicArn = form.get('TopicArn');
    const message = form.get('Message');
    if (topicArn !== LOCAL_TOPIC_ARN) return xml(404, errorXml('NotFound', 'Topic does not exist'));
    if (!message) return xml(400, errorXml('InvalidParameter', 'Invalid parameter: Empty message'));
    let variants: Record<string, unknown> = { default: message };
    if (form.get('MessageStructure') === 'json') {
      try {
        variants = JSON.parse(message);
      } catch {
        return xml(400, errorXml('InvalidParameter', 'Invalid parameter: Message Structure - JSON message body failed to parse'));
      }
      if (typeof variants.default !== 'string') {
        return xml(400, errorXml('InvalidParameter', 'Invalid parameter: Message Structure - No default entry in JSON message body'));
      }
    }
    const alert: ReceivedAlert = {
      messageId: randomUUID(),
      receivedAt: new Date().toISOString(),
      topicArn,
      default: variants.default as string,
      ...(form.get('Subject') && { subject: form.get('Subject')! }),
      ...(typeof variants.email === 'string' && { email: variants.email }),
      ...(typeof variants.sms === 'string' && { sms: variants.sms }),
    };
    alerts.unshift(alert);
    alerts.length = Math.min(alerts.length, KEEP);
    print(alert);
    return xml(
      200,
      `<PublishResponse xmlns="${XMLNS}"><PublishResult><MessageId>${alert.messageId}</MessageId></PublishResult>` +
        `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
    );
  }
}

/** An SNS error in the Query protocol's XML. */
export function snsError(status: number, code: string, message: string): Reply {
  return xml(status, errorXml(code, message));
}

function xml(status: number, body: string): Reply {
  return { status, body, type: 'text/xml' };
}

function errorXml(code: string, message: string): string {
  return (
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code>` +
    `<Message>${message.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</Message></Error>` +
    `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`
  );
}

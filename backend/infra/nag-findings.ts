import { Stack } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

// cdk-nag v3 reads CDK's own acknowledgments (`Validations.of(construct).acknowledge`), on
// the resource a finding is about or any construct above it. Most rules are acknowledged by
// their id alone; IAM4 and IAM5 raise one finding per managed policy or wildcard, named
// `Rule[Policy::…]`, `Rule[Action::…]` or `Rule[Resource::…]`, so acknowledging one accepts
// that exact policy or wildcard and a new one is a new finding. These name them as cdk-nag
// does, from the same values the policies are built from.

/** The IAM5 finding for a wildcard in a statement's actions, such as `s3:List*`. */
export function wildcardActionFinding(action: string): string {
  return `AwsSolutions-IAM5[Action::${action}]`;
}

/** The IAM5 finding for a wildcard in a statement's resources: `arn` is the ARN as the grant wrote it. */
export function wildcardResourceFinding(scope: IConstruct, arn: string): string {
  return `AwsSolutions-IAM5[Resource::${nagName(scope, arn)}]`;
}

/** The IAM4 finding for an AWS managed policy attached to a role. */
export function managedPolicyFinding(scope: IConstruct, policy: iam.IManagedPolicy): string {
  return `AwsSolutions-IAM4[Policy::${nagName(scope, policy.managedPolicyArn)}]`;
}

/**
 * A value as cdk-nag writes it in a finding: resolved in `scope`'s stack, then flattened,
 * a `Ref` as `<LogicalId>`, an `Fn::GetAtt` as `<LogicalId.Attribute>` and a pseudo
 * parameter as `<AWS::Region>` (a stack with a concrete environment resolves its region and
 * account to literals, and so do the findings).
 */
function nagName(scope: IConstruct, value: string): string {
  return flatten(Stack.of(scope).resolve(value));
}

function flatten(node: unknown): string {
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (node && typeof node === 'object') {
    const intrinsic = node as Record<string, unknown>;
    if ('Fn::Join' in intrinsic) {
      const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
      return parts.map(flatten).join(separator);
    }
    if ('Fn::Sub' in intrinsic) return flatten(intrinsic['Fn::Sub']);
    if ('Fn::GetAtt' in intrinsic) {
      const [logicalId, attribute] = intrinsic['Fn::GetAtt'] as [unknown, unknown];
      return `<${flatten(logicalId)}.${flatten(attribute)}>`;
    }
    if ('Ref' in intrinsic) return `<${flatten(intrinsic.Ref)}>`;
  }
  throw new Error(`cdk-nag finding: cannot name ${JSON.stringify(node)}`);
}

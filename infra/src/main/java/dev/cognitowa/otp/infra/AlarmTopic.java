package dev.cognitowa.otp.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The one SNS topic every alarm of the stack notifies, with the operator's e-mail address
 * subscribed when one is given. SNS asks the address to confirm first: "Email subscriptions require
 * confirmation" (CDK's {@code EmailSubscription},
 * https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_sns_subscriptions.EmailSubscription.html),
 * so nothing arrives until the link in SNS's first message is followed.
 */
final class AlarmTopic {

  static final String CLOUDWATCH = "cloudwatch.amazonaws.com";

  private AlarmTopic() {}

  static Topic create(Construct scope, String id, String email) {
    Topic topic =
        Topic.Builder.create(scope, id).displayName("WhatsApp OTP alarms").enforceSsl(true).build();
    Stack stack = Stack.of(scope);
    // A topic policy replaces SNS's default one, so CloudWatch is allowed explicitly, for this
    // account's alarms only (the documented "Allow CloudWatch alarms to publish" shape with
    // aws:SourceAccount and aws:SourceArn against the confused deputy,
    // https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html).
    topic.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .sid("CloudWatchAlarmsOfThisAccountPublish")
            .principals(List.of(new ServicePrincipal(CLOUDWATCH)))
            .actions(List.of("sns:Publish"))
            .resources(List.of(topic.getTopicArn()))
            .conditions(
                Map.of(
                    "StringEquals",
                    Map.of("aws:SourceAccount", stack.getAccount()),
                    "ArnLike",
                    Map.of(
                        "aws:SourceArn",
                        "arn:"
                            + stack.getPartition()
                            + ":cloudwatch:"
                            + stack.getRegion()
                            + ":"
                            + stack.getAccount()
                            + ":alarm:*")))
            .build());
    NagSuppressions.suppress(
        topic,
        "AwsSolutions-SNS2",
        "CloudWatch can publish to an encrypted topic only with a customer managed key whose policy"
            + " admits cloudwatch.amazonaws.com, not with the AWS managed SNS key"
            + " (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html); alarm"
            + " notifications carry alarm names, states and thresholds, never a code or a number,"
            + " and travel over TLS only (SNS3).");
    if (email != null) {
      topic.addSubscription(new EmailSubscription(email));
    }
    return topic;
  }
}

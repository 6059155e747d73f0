package dev.cognitowa.otp.infra;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.secretsmanager.ISecret;

/**
 * The send permission of each channel in the chain, one statement per channel, on the narrowest
 * resource IAM can name, and nothing for a channel the chain does not list. Both functions get
 * them: the sender delivers through the chain, the delivery-status function falls back along it.
 */
final class ChannelPolicies {

  /** The statement ids, which tests and the README name. */
  static final String READ_ACCESS_TOKEN = "ReadAccessToken";

  static final String SEND_WHATSAPP_EUM = "SendWhatsAppThroughEndUserMessagingSocial";
  static final String SEND_SMS = "SendSmsFromTheOriginationIdentity";
  static final String PUBLISH_SMS = "PublishSmsToPhoneNumbers";
  static final String PUBLISH_TO_NO_TOPIC = "PublishToNoTopic";

  private static final String EUM_ARN_PREFIX = "phone-number-id-";

  private ChannelPolicies() {}

  /** The statements the chain needs, in chain order. */
  static List<PolicyStatement> statements(
      Stack stack,
      List<MessagingChannel> chain,
      ISecret accessTokenSecret,
      String eumPhoneNumberId,
      String smsOriginationIdentity,
      String smsConfigurationSet) {
    List<PolicyStatement> statements = new ArrayList<>();
    for (MessagingChannel channel : chain) {
      switch (channel) {
        case CLOUD_API -> statements.add(readAccessToken(accessTokenSecret));
        case END_USER_MESSAGING_SOCIAL -> statements.add(sendWhatsApp(stack, eumPhoneNumberId));
        case END_USER_MESSAGING_SMS ->
            statements.add(sendText(stack, smsOriginationIdentity, smsConfigurationSet));
        case SNS_SMS -> {
          statements.add(publishSms());
          statements.add(publishToNoTopic(stack));
        }
      }
    }
    return statements;
  }

  /** The Cloud API token; no {@code DescribeSecret}, no other secret. */
  static PolicyStatement readAccessToken(ISecret secret) {
    return PolicyStatement.Builder.create()
        .sid(READ_ACCESS_TOKEN)
        .actions(List.of("secretsmanager:GetSecretValue"))
        .resources(List.of(SenderPolicies.secretArnForPolicy(secret)))
        .build();
  }

  /**
   * SendWhatsAppMessage "Grants permission to send a message through WhatsApp", resource type
   * {@code phone-number-id} required, ARN {@code
   * arn:${Partition}:social-messaging:${Region}:${Account}:phone-number-id/${OriginationPhoneNumberId}}
   * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsendusermessagingsocial.html):
   * the one origination number, never {@code phone-number-id/*}.
   */
  static PolicyStatement sendWhatsApp(Stack stack, String phoneNumberId) {
    return PolicyStatement.Builder.create()
        .sid(SEND_WHATSAPP_EUM)
        .actions(List.of("social-messaging:SendWhatsAppMessage"))
        .resources(List.of(eumPhoneNumberArn(stack, phoneNumberId)))
        .build();
  }

  /**
   * SendTextMessage takes the resource types ConfigurationSet, PhoneNumber, Pool,
   * ProtectConfiguration and SenderId, none of them required
   * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsendusermessagingsmsandvoicev2.html):
   * the identity the sender names, and its configuration set when one is named. Without an identity
   * "The service selects from the identities in your account"
   * (https://docs.aws.amazon.com/end-user-messaging/latest/userguide/nx-sms-send.html), a request
   * naming no resource, which only {@code "*"} would allow: so the stack requires the identity.
   */
  static PolicyStatement sendText(Stack stack, String identity, String configurationSet) {
    List<String> resources = new ArrayList<>(List.of(smsIdentityArn(stack, identity)));
    if (configurationSet != null) {
      resources.add(configurationSetArn(stack, configurationSet));
    }
    return PolicyStatement.Builder.create()
        .sid(SEND_SMS)
        .actions(List.of("sms-voice:SendTextMessage"))
        .resources(resources)
        .build();
  }

  /**
   * Publish "Sends a message to an Amazon SNS topic or sends a text message (SMS message) directly
   * to a phone number" (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html), and SNS's
   * only resource type is the topic
   * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsns.html): a
   * phone number has no ARN, so the only resource that matches is {@code "*"} (cdk-nag IAM5
   * suppressed with that reason).
   */
  static PolicyStatement publishSms() {
    return PolicyStatement.Builder.create()
        .sid(PUBLISH_SMS)
        .actions(List.of("sns:Publish"))
        .resources(List.of("*"))
        .build();
  }

  /**
   * The {@code "*"} above would also let the function publish to any topic of the account. Topics
   * are SNS's only resource type, ARN {@code
   * arn:${Partition}:sns:${Region}:${Account}:${TopicName}}
   * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsns.html), so a
   * Deny on every topic ARN leaves exactly the publish to a phone number; an explicit deny wins
   * over any allow
   * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
   */
  static PolicyStatement publishToNoTopic(Stack stack) {
    return PolicyStatement.Builder.create()
        .sid(PUBLISH_TO_NO_TOPIC)
        .effect(software.amazon.awscdk.services.iam.Effect.DENY)
        .actions(List.of("sns:Publish"))
        .resources(List.of("arn:" + stack.getPartition() + ":sns:*:*:*"))
        .build();
  }

  /** The ARN of an End User Messaging Social phone-number id, or the ARN given. */
  static String eumPhoneNumberArn(Stack stack, String id) {
    return id.startsWith("arn:")
        ? id
        : arn(
            stack, "social-messaging", "phone-number-id/" + id.substring(EUM_ARN_PREFIX.length()));
  }

  /** The ARN of an End User Messaging SMS phone number or pool id, or the ARN given. */
  static String smsIdentityArn(Stack stack, String identity) {
    if (identity.startsWith("arn:")) {
      return identity;
    }
    String type = identity.startsWith("pool-") ? "pool/" : "phone-number/";
    return arn(stack, "sms-voice", type + identity);
  }

  /** The ARN of a configuration set given by name, or the ARN given. */
  static String configurationSetArn(Stack stack, String nameOrArn) {
    return nameOrArn.startsWith("arn:")
        ? nameOrArn
        : arn(stack, "sms-voice", "configuration-set/" + nameOrArn);
  }

  private static String arn(Stack stack, String service, String resource) {
    return "arn:"
        + stack.getPartition()
        + ":"
        + service
        + ":"
        + stack.getRegion()
        + ":"
        + stack.getAccount()
        + ":"
        + resource;
  }
}

package dev.cognitowa.otp.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Matcher;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.IConstruct;

/**
 * The construct with a chain of End User Messaging Social, End User Messaging SMS and SNS (no Cloud
 * API): each listed channel's statement on its exact resource, for the sender and the
 * delivery-status function alike, its settings in both environments, and nothing for a channel the
 * chain does not list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatsAppOtpSenderChannelsTest {

  static final String EUM_PHONE_NUMBER_ID = "phone-number-id-0123456789abcdef0123456789abcdef";
  static final String SMS_POOL_ID = "pool-0123456789abcdef0123456789abcdef";
  static final String CONFIGURATION_SET = "otp-events";
  private static final Map<String, Object> PARTITION = Map.of("Ref", "AWS::Partition");
  private static final Map<String, Object> REGION = Map.of("Ref", "AWS::Region");
  private static final Map<String, Object> ACCOUNT = Map.of("Ref", "AWS::AccountId");

  private Stack stack;
  private WhatsAppOtpSender sender;
  private Template template;
  private Template cloudApiOnly;

  @BeforeAll
  void synthesize() {
    stack = new Stack(new App(), "Chained");
    sender =
        new WhatsAppOtpSender(
            stack,
            "Sender",
            base(stack)
                .withChannels(
                    List.of(
                        MessagingChannel.END_USER_MESSAGING_SOCIAL,
                        MessagingChannel.END_USER_MESSAGING_SMS,
                        MessagingChannel.SNS_SMS))
                .withEumPhoneNumberId(EUM_PHONE_NUMBER_ID)
                .withSmsOriginationIdentity(SMS_POOL_ID)
                .withSmsConfigurationSet(CONFIGURATION_SET)
                .withSmsText("Your code: {code}")
                .withSmsTextFor("FORGOT_PASSWORD", "Your reset code: {code}")
                .build());
    template = Template.fromStack(stack);
    Stack plain = new Stack(new App(), "CloudApiOnly");
    new WhatsAppOtpSender(plain, "Sender", props(plain).build());
    cloudApiOnly = Template.fromStack(plain);
  }

  @Test
  void rolePolicies_shouldSendWhatsAppFromTheOnePhoneNumberId_whenTheChainListsWhatsAppEum() {
    // then: the ARN's last part is the id without its phone-number-id- prefix
    assertThat(
            policiesWith(
                template,
                statementLike(
                    ChannelPolicies.SEND_WHATSAPP_EUM,
                    "social-messaging:SendWhatsAppMessage",
                    join(
                        "arn:",
                        PARTITION,
                        ":social-messaging:",
                        REGION,
                        ":",
                        ACCOUNT,
                        ":phone-number-id/0123456789abcdef0123456789abcdef"))))
        // the sender's only: the status function never sends through the first channel
        .containsExactly(logicalId(sender.getRole().getNode().findChild("DefaultPolicy")));
  }

  @Test
  void rolePolicies_shouldSendSmsFromThePoolAndItsConfigurationSetOnly_whenTheChainListsSms() {
    // then
    assertThat(
            policiesWith(
                template,
                statementLike(
                    ChannelPolicies.SEND_SMS,
                    "sms-voice:SendTextMessage",
                    List.of(
                        join(
                            "arn:",
                            PARTITION,
                            ":sms-voice:",
                            REGION,
                            ":",
                            ACCOUNT,
                            ":pool/" + SMS_POOL_ID),
                        join(
                            "arn:",
                            PARTITION,
                            ":sms-voice:",
                            REGION,
                            ":",
                            ACCOUNT,
                            ":configuration-set/" + CONFIGURATION_SET)))))
        .hasSize(2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void rolePolicies_shouldPublishSmsOnAnyResourceWithAReasonedSuppression_whenTheChainListsSns() {
    // when
    Map<String, Map<String, Object>> policies =
        template.findResources(
            "AWS::IAM::Policy",
            Map.of(
                "Properties",
                Map.of(
                    "PolicyDocument",
                    Map.of(
                        "Statement",
                        Match.arrayWith(
                            List.of(
                                Match.objectEquals(
                                    DeliveryStatusFunctionTest.statement(
                                        ChannelPolicies.PUBLISH_SMS, "sns:Publish", "*"))))))));

    // then: both roles (sns comes after the first channel), each with the Deny that leaves only
    // phone numbers: "Publish ... to an Amazon SNS topic or ... directly to a phone number"
    // (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html), topics being SNS's only
    // resource type
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsns.html)
    assertThat(policies).hasSize(2);
    assertThat(
            policiesWith(
                template,
                Match.objectEquals(
                    Map.of(
                        "Sid",
                        ChannelPolicies.PUBLISH_TO_NO_TOPIC,
                        "Effect",
                        "Deny",
                        "Action",
                        "sns:Publish",
                        "Resource",
                        join("arn:", PARTITION, ":sns:*:*:*")))))
        .containsExactlyInAnyOrderElementsOf(policies.keySet());
    assertThat(policies.values())
        .allSatisfy(
            policy -> {
              Map<String, Object> nag =
                  (Map<String, Object>)
                      ((Map<String, Object>) policy.get("Metadata")).get("cdk_nag");
              assertThat((List<Map<String, Object>>) nag.get("rules_to_suppress"))
                  .anySatisfy(
                      rule -> {
                        assertThat(rule.get("id")).isEqualTo("AwsSolutions-IAM5");
                        assertThat((String) rule.get("reason")).contains("phone number has no ARN");
                        assertThat(rule.get("applies_to")).isEqualTo(List.of("Resource::*"));
                      });
            });
  }

  @Test
  void rolePolicies_shouldLetOnlyTheSenderWriteTrackedMessages_whenTheChainHasALaterChannel() {
    // then: the sender writes msg# items (PutItem only); the status function reads and updates
    // them but writes none (LeadingKeys,
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html)
    assertThat(
            policiesWith(
                template,
                Match.objectLike(
                    Map.of(
                        "Sid",
                        "TrackMessagesForFallback",
                        "Action",
                        "dynamodb:PutItem",
                        "Condition",
                        Map.of(
                            "ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", "msg#*"))))))
        .containsExactly(logicalId(sender.getRole().getNode().findChild("DefaultPolicy")));
    assertThat(
            policiesWith(
                template,
                Match.objectLike(Map.of("Action", Match.arrayWith(List.of("dynamodb:PutItem"))))))
        .containsExactly(logicalId(sender.getRole().getNode().findChild("DefaultPolicy")));
  }

  @Test
  void rolePolicies_shouldNotReadTheAccessToken_whenTheChainDoesNotListWhatsApp() {
    // then
    assertThat(
            policiesWith(
                template, Match.objectLike(Map.of("Sid", ChannelPolicies.READ_ACCESS_TOKEN))))
        .isEmpty();
    assertThat(
            policiesWith(
                cloudApiOnly, Match.objectLike(Map.of("Sid", ChannelPolicies.READ_ACCESS_TOKEN))))
        .hasSize(1); // one channel: the sender's, and no status function
  }

  @Test
  void rolePolicies_shouldGrantNoOtherChannelsAction_whenTheChainIsTheCloudApiAlone() {
    // then
    assertThat(actions(cloudApiOnly))
        .noneMatch(a -> a.startsWith("social-messaging:"))
        .noneMatch(a -> a.startsWith("sms-voice:"))
        .doesNotContain("sns:Publish");
    assertThat(actions(template))
        .contains(
            "social-messaging:SendWhatsAppMessage", "sms-voice:SendTextMessage", "sns:Publish");
  }

  @Test
  void environment_shouldCarryTheChainAndEachChannelsSettings_whenListed() {
    // then: the sender's and the status function's alike
    assertThat(
            template.findResources(
                "AWS::Lambda::Function",
                Map.of(
                    "Properties",
                    Map.of(
                        "Environment",
                        Map.of(
                            "Variables",
                            Map.of(
                                "OTP_CHANNELS",
                                "whatsapp-eum,sms,sns",
                                "EUM_WHATSAPP_PHONE_NUMBER_ID",
                                EUM_PHONE_NUMBER_ID,
                                "SMS_ORIGINATION_IDENTITY",
                                SMS_POOL_ID,
                                "SMS_CONFIGURATION_SET",
                                CONFIGURATION_SET,
                                "SMS_TEXT",
                                "Your code: {code}",
                                "SMS_TEXT_FORGOT_PASSWORD",
                                "Your reset code: {code}",
                                "WHATSAPP_PHONE_NUMBER_ID",
                                Match.absent(),
                                "WHATSAPP_ACCESS_TOKEN_SECRET_ID",
                                Match.absent()))))))
        .hasSize(2);
    cloudApiOnly.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Environment",
            Map.of(
                "Variables",
                Match.objectLike(
                    Map.of(
                        "OTP_CHANNELS",
                        "whatsapp",
                        "EUM_WHATSAPP_PHONE_NUMBER_ID",
                        Match.absent(),
                        "SMS_ORIGINATION_IDENTITY",
                        Match.absent(),
                        "SMS_TEXT",
                        Match.absent())))));
  }

  @Test
  void arns_shouldBeTakenAsGiven_whenTheSettingsAreArns() {
    // given
    String eum = "arn:aws:social-messaging:eu-west-1:111122223333:phone-number-id/0123456789abcdef";
    String senderId = "arn:aws:sms-voice:eu-west-1:111122223333:sender-id/MyBrand/DE";
    String set = "arn:aws:sms-voice:eu-west-1:111122223333:configuration-set/otp-events";

    // when / then
    assertThat(ChannelPolicies.eumPhoneNumberArn(stack, eum)).isEqualTo(eum);
    assertThat(ChannelPolicies.smsIdentityArn(stack, senderId)).isEqualTo(senderId);
    assertThat(ChannelPolicies.configurationSetArn(stack, set)).isEqualTo(set);
    assertThat(stack.resolve(ChannelPolicies.smsIdentityArn(stack, "phone-0123abcd")))
        .isEqualTo(
            join(
                "arn:",
                PARTITION,
                ":sms-voice:",
                REGION,
                ":",
                ACCOUNT,
                ":phone-number/phone-0123abcd"));
    assertThat(
            ChannelSettingsValidation.validate(
                List.of(
                    MessagingChannel.END_USER_MESSAGING_SOCIAL,
                    MessagingChannel.END_USER_MESSAGING_SMS),
                eum,
                senderId,
                set,
                null,
                Map.of()))
        .isEmpty();
  }

  @Test
  void constructor_shouldListEveryMissingOrMalformedChannelSetting_whenSeveralAreWrong() {
    // given
    Stack bad = new Stack(new App(), "Bad");
    WhatsAppOtpSenderProps props =
        base(bad)
            .withChannels(
                List.of(
                    MessagingChannel.END_USER_MESSAGING_SOCIAL,
                    MessagingChannel.END_USER_MESSAGING_SMS,
                    MessagingChannel.END_USER_MESSAGING_SOCIAL))
            .withEumPhoneNumberId("+4917012345678")
            .withSmsConfigurationSet("otp events!")
            .withSmsText("Your code")
            .withSmsTextFor("SIGN_UP", "Hi {username}, {code}")
            .withSmsTextFor("LOGIN", "{code}")
            .build();

    // when / then
    assertThatThrownBy(() -> new WhatsAppOtpSender(bad, "Sender", props))
        .isInstanceOfSatisfying(
            DeploymentConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .contains(
                        "channels lists a channel twice: whatsapp-eum,sms,whatsapp-eum",
                        "eumPhoneNumberId must be phone-number-id-... or its ARN (the id from the"
                            + " End User Messaging Social console, not the phone number), was (14"
                            + " characters, not shown)",
                        "smsOriginationIdentity is required when channels lists sms",
                        "smsConfigurationSet must be a configuration set's name or ARN, was"
                            + " 'otp events!'",
                        "smsText must contain {code}",
                        "smsText.SIGN_UP uses {username}, which only smsText.ADMIN_CREATE_USER may")
                    .anyMatch(
                        p -> p.startsWith("smsText override for unknown trigger source LOGIN"))
                    .noneMatch(p -> p.contains("4917012345678")));
  }

  @Test
  void constructor_shouldRefuseSettingsOfChannelsTheChainDoesNotList_whenGiven() {
    // given
    Stack bad = new Stack(new App(), "Unlisted");
    WhatsAppOtpSenderProps props =
        props(bad)
            .withEumPhoneNumberId(EUM_PHONE_NUMBER_ID)
            .withSmsOriginationIdentity(SMS_POOL_ID)
            .withSmsText("{code}")
            .build();

    // when / then
    assertThatThrownBy(() -> new WhatsAppOtpSender(bad, "Sender", props))
        .isInstanceOfSatisfying(
            DeploymentConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "eumPhoneNumberId is set but channels does not list whatsapp-eum",
                        "smsOriginationIdentity is set but channels does not list sms",
                        "smsText is set but channels does not list sms or sns"));
  }

  /** A pool and code, no Cloud API settings: for chains without {@code whatsapp}. */
  private static WhatsAppOtpSenderProps.Builder base(Stack stack) {
    return WhatsAppOtpSenderProps.builder()
        .withUserPool(UserPool.Builder.create(stack, "Pool").build())
        .withCode(SenderFixtures.code(stack));
  }

  private static WhatsAppOtpSenderProps.Builder props(Stack stack) {
    return base(stack)
        .withPhoneNumberId(SenderFixtures.PHONE_NUMBER_ID)
        .withAccessTokenSecret(
            Secret.fromSecretCompleteArn(stack, "Token", SenderFixtures.TOKEN_SECRET_ARN));
  }

  private static Matcher statementLike(String sid, String action, Object resource) {
    return Match.objectEquals(DeliveryStatusFunctionTest.statement(sid, action, resource));
  }

  /** The logical ids of the IAM policies holding a statement that matches. */
  private static List<String> policiesWith(Template template, Object statement) {
    return new ArrayList<>(
        template
            .findResources(
                "AWS::IAM::Policy",
                Map.of(
                    "Properties",
                    Map.of(
                        "PolicyDocument",
                        Map.of("Statement", Match.arrayWith(List.of(statement))))))
            .keySet());
  }

  /** Every action of every IAM policy in the template. */
  @SuppressWarnings("unchecked")
  private static List<String> actions(Template template) {
    List<String> actions = new ArrayList<>();
    template
        .findResources("AWS::IAM::Policy")
        .values()
        .forEach(
            policy -> {
              Map<String, Object> document =
                  (Map<String, Object>)
                      ((Map<String, Object>) policy.get("Properties")).get("PolicyDocument");
              for (Object s : (List<Object>) document.get("Statement")) {
                Object action = ((Map<String, Object>) s).get("Action");
                if (action instanceof List<?> list) {
                  list.forEach(a -> actions.add((String) a));
                } else {
                  actions.add((String) action);
                }
              }
            });
    return actions;
  }

  private String logicalId(IConstruct construct) {
    IConstruct element =
        construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
    return stack.getLogicalId((CfnElement) element);
  }

  private static Map<String, Object> join(Object... parts) {
    return Map.of("Fn::Join", List.of("", List.of(parts)));
  }

  @Test
  void constructor_shouldRequireTheCloudApiSettingsOnlyWithWhatsApp_whenTheChainChanges() {
    // given
    Stack missing = new Stack(new App(), "Missing");
    Stack unlisted = new Stack(new App(), "UnlistedCloudApi");

    // when / then
    assertThatThrownBy(() -> new WhatsAppOtpSender(missing, "Sender", base(missing).build()))
        .isInstanceOfSatisfying(
            DeploymentConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "phoneNumberId is required when channels lists whatsapp",
                        "accessTokenSecret is required when channels lists whatsapp"));
    assertThatThrownBy(
            () ->
                new WhatsAppOtpSender(
                    unlisted,
                    "Sender",
                    props(unlisted).withChannel(MessagingChannel.SNS_SMS).build()))
        .isInstanceOfSatisfying(
            DeploymentConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "phoneNumberId is set but channels does not list whatsapp",
                        "accessTokenSecret is set but channels does not list whatsapp"));
  }
}

package dev.cognitowa.otp.attach;

import static dev.cognitowa.otp.attach.Fixtures.FUNCTION;
import static dev.cognitowa.otp.attach.Fixtures.KEY;
import static dev.cognitowa.otp.attach.Fixtures.OTHER_FUNCTION;
import static dev.cognitowa.otp.attach.Fixtures.OTHER_KEY;
import static dev.cognitowa.otp.attach.Fixtures.POOL_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Attach and detach with the real SDK clients against the loopback Cognito stand-in. */
class PoolAttacherTest {
  private CognitoStandIn aws;
  private AttachClients clients;
  private PoolAttacher attacher;

  @BeforeEach
  void start() throws IOException {
    aws = new CognitoStandIn();
    aws.addKey(KEY, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Enabled");
    aws.addKey(OTHER_KEY, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Enabled");
    clients = new AttachClients(aws.env(), "eu-west-1");
    attacher = new PoolAttacher(clients.cognito(), clients.kms(), clients.grantCheck());
  }

  @AfterEach
  void stop() {
    clients.close();
    aws.close();
  }

  @Test
  void attach_shouldAddOnlyTheSenderAndKey_whenPoolHasEverySetting() throws IOException {
    // given
    aws.addPool(Fixtures.everySetting());
    Map<String, Object> expected = pool(aws.described(POOL_ID));
    @SuppressWarnings("unchecked")
    Map<String, Object> lambdaConfig = (Map<String, Object>) expected.get("LambdaConfig");
    lambdaConfig.put("CustomSMSSender", Map.of("LambdaArn", FUNCTION, "LambdaVersion", "V1_0"));
    lambdaConfig.put("KMSKeyID", KEY);

    // when
    AttachPlan plan = attacher.planAttach(POOL_ID, new SenderAttachment(FUNCTION, KEY), e -> false);
    attacher.apply(plan);

    // then the pool is the original plus the two LambdaConfig members, nothing else
    assertThat(pool(aws.described(POOL_ID))).isEqualTo(CognitoStandIn.sorted(expected));
    assertThat(aws.updateBodies()).hasSize(1);
  }

  static Stream<String> describedSettings() throws IOException {
    return pool(Fixtures.everySetting()).keySet().stream().sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("describedSettings")
  void attach_shouldLeaveTheSettingAsItWas(String setting) throws IOException {
    // given
    aws.addPool(Fixtures.everySetting());
    Object before = pool(aws.described(POOL_ID)).get(setting);

    // when
    attacher.apply(attacher.planAttach(POOL_ID, new SenderAttachment(FUNCTION, KEY), e -> false));

    // then
    Object after = pool(aws.described(POOL_ID)).get(setting);
    if (setting.equals("LambdaConfig")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> withoutSender = new TreeMap<>((Map<String, Object>) after);
      withoutSender.remove("CustomSMSSender");
      withoutSender.remove("KMSKeyID");
      assertThat(withoutSender).isEqualTo(before);
    } else {
      assertThat(after).isEqualTo(before);
    }
  }

  @Test
  void detach_shouldRestoreTheOriginalByteForByte_afterAttach() throws IOException {
    // given
    aws.addPool(Fixtures.everySetting());
    String original = aws.described(POOL_ID);
    attacher.apply(attacher.planAttach(POOL_ID, new SenderAttachment(FUNCTION, KEY), e -> false));
    assertThat(aws.described(POOL_ID)).isNotEqualTo(original);

    // when
    attacher.apply(attacher.planDetach(POOL_ID, Optional.empty()));

    // then
    assertThat(aws.described(POOL_ID)).isEqualTo(original);
  }

  @Test
  void planAttach_shouldShowOnlyTheThreeAddedValues_andSendNothing() throws IOException {
    // given
    aws.addPool(Fixtures.everySetting());

    // when
    AttachPlan plan = attacher.planAttach(POOL_ID, new SenderAttachment(FUNCTION, KEY), e -> false);

    // then
    assertThat(plan.diff())
        .containsExactly(
            "+ LambdaConfig.CustomSMSSender.LambdaArn: " + FUNCTION,
            "+ LambdaConfig.CustomSMSSender.LambdaVersion: V1_0",
            "+ LambdaConfig.KMSKeyID: " + KEY);
    assertThat(plan.changesPool()).isTrue();
    assertThat(plan.notes()).isEmpty();
    assertThat(plan.requestTree())
        .containsEntry("UserPoolId", POOL_ID)
        .containsKey("EmailConfiguration");
    assertThat(JSON.std.mapFrom(plan.requestJson())).isEqualTo(plan.requestTree());
    assertThat(aws.updateBodies()).isEmpty();
    assertThat(aws.simulationForms())
        .singleElement()
        .asString()
        .contains("PolicySourceArn=arn:aws:iam::111122223333:role/PoolAdmin")
        .contains("ActionNames.member.1=kms:CreateGrant")
        .contains("ResourceArns.member.1=" + KEY)
        .contains("ContextKeyName=kms:EncryptionContext:userpool-id")
        .contains("ContextKeyValues.member.1=" + POOL_ID);
  }

  @Test
  void planAttach_shouldChangeNothing_whenAlreadyAttached() throws IOException {
    // given
    aws.addPool(attached(FUNCTION, KEY));

    // when
    AttachPlan plan = attacher.planAttach(POOL_ID, new SenderAttachment(FUNCTION, KEY), e -> false);
    attacher.apply(plan);

    // then
    assertThat(plan.changesPool()).isFalse();
    assertThat(aws.updateBodies()).isEmpty();
  }

  @Test
  void planAttach_shouldRefuse_whenPoolHasAnotherSender() throws IOException {
    // given
    aws.addPool(attached(OTHER_FUNCTION, KEY));

    // then
    assertThatThrownBy(
            () -> attacher.planAttach(POOL_ID, new SenderAttachment(FUNCTION, KEY), e -> false))
        .isInstanceOf(AttachRefusedException.class)
        .hasMessage(
            "pool "
                + POOL_ID
                + " already has custom SMS sender "
                + OTHER_FUNCTION
                + "; pass --replace to replace it");
  }

  @Test
  void planAttach_shouldRefuse_whenPoolHasAnotherKey() throws IOException {
    // given
    aws.addPool(attached(FUNCTION, OTHER_KEY));

    // then
    assertThatThrownBy(
            () -> attacher.planAttach(POOL_ID, new SenderAttachment(FUNCTION, KEY), e -> false))
        .isInstanceOf(AttachRefusedException.class)
        .hasMessageContaining("already has KMS key " + OTHER_KEY);
  }

  @Test
  void planAttach_shouldReplace_whenAllowed() throws IOException {
    // given
    aws.addPool(attached(OTHER_FUNCTION, OTHER_KEY));

    // when
    AttachPlan plan = attacher.planAttach(POOL_ID, new SenderAttachment(FUNCTION, KEY), e -> true);

    // then
    assertThat(plan.diff())
        .containsExactly(
            "- LambdaConfig.CustomSMSSender.LambdaArn: " + OTHER_FUNCTION,
            "+ LambdaConfig.CustomSMSSender.LambdaArn: " + FUNCTION,
            "- LambdaConfig.KMSKeyID: " + OTHER_KEY,
            "+ LambdaConfig.KMSKeyID: " + KEY);
  }

  @Test
  void planAttach_shouldRefuseAnotherKey_whenTheEmailSenderUsesTheCurrentOne() throws IOException {
    // given
    aws.addPool(
        Fixtures.everySettingWithLambdaConfig(
            "\"CustomEmailSender\": {\"LambdaVersion\": \"V1_0\", \"LambdaArn\": \""
                + OTHER_FUNCTION
                + "\"}, \"KMSKeyID\": \""
                + OTHER_KEY
                + "\""));

    // then even --replace does not break the email sender
    assertThatThrownBy(
            () -> attacher.planAttach(POOL_ID, new SenderAttachment(FUNCTION, KEY), e -> true))
        .isInstanceOf(AttachRefusedException.class)
        .hasMessageContaining("custom email sender uses KMS key " + OTHER_KEY);
  }

  @Test
  void planAttach_shouldRefuse_whenKeyIsNotSymmetric() throws IOException {
    // given
    String rsa = "arn:aws:kms:eu-west-1:111122223333:key/rsa-0000";
    aws.addKey(rsa, "RSA_2048", "SIGN_VERIFY", "Enabled");
    aws.addPool(Fixtures.everySetting());

    // then
    assertThatThrownBy(
            () -> attacher.planAttach(POOL_ID, new SenderAttachment(FUNCTION, rsa), e -> false))
        .isInstanceOf(AttachRefusedException.class)
        .hasMessageContaining("is RSA_2048 for SIGN_VERIFY")
        .hasMessageContaining("symmetric encryption key");
  }

  @Test
  void planAttach_shouldRefuse_whenKeyIsDisabled() throws IOException {
    // given
    String disabled = "arn:aws:kms:eu-west-1:111122223333:key/disabled-0000";
    aws.addKey(disabled, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "PendingDeletion");
    aws.addPool(Fixtures.everySetting());

    // then
    assertThatThrownBy(
            () ->
                attacher.planAttach(POOL_ID, new SenderAttachment(FUNCTION, disabled), e -> false))
        .isInstanceOf(AttachRefusedException.class)
        .hasMessageContaining("is PendingDeletion, not Enabled");
  }

  @Test
  void planAttach_shouldRefuse_whenKeyIsInAnotherRegion() throws IOException {
    // given
    aws.addPool(Fixtures.everySetting());
    String elsewhere =
        "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    // then
    assertThatThrownBy(
            () ->
                attacher.planAttach(POOL_ID, new SenderAttachment(FUNCTION, elsewhere), e -> false))
        .isInstanceOf(AttachRefusedException.class)
        .hasMessageContaining("is in us-east-1, the pool in eu-west-1");
  }

  @Test
  void planAttach_shouldRefuse_whenIamDeniesTheGrant() throws IOException {
    // given
    aws.addPool(Fixtures.everySetting());
    aws.simulatorDecides("implicitDeny");

    // then
    assertThatThrownBy(
            () -> attacher.planAttach(POOL_ID, new SenderAttachment(FUNCTION, KEY), e -> false))
        .isInstanceOf(AttachRefusedException.class)
        .hasMessageStartingWith(
            "arn:aws:iam::111122223333:role/PoolAdmin may not kms:CreateGrant on the key"
                + " (IAM policy simulator: implicitDeny)")
        .hasMessageContaining("kms:EncryptionContext:userpool-id = " + POOL_ID);
  }

  @Test
  void planAttach_shouldSayWhatIsNeeded_whenTheSimulatorCannotBeUsed() throws IOException {
    // given
    aws.addPool(Fixtures.everySetting());
    aws.simulatorDeniesAccess();

    // when
    AttachPlan plan = attacher.planAttach(POOL_ID, new SenderAttachment(FUNCTION, KEY), e -> false);

    // then
    assertThat(plan.notes())
        .singleElement()
        .asString()
        .startsWith(
            "could not simulate kms:CreateGrant for arn:aws:iam::111122223333:role/PoolAdmin (AccessDenied")
        .contains("the caller needs kms:CreateGrant on " + KEY);
  }

  @Test
  void planAttach_shouldRefuse_whenThePoolDoesNotExist() {
    assertThatThrownBy(
            () ->
                attacher.planAttach(
                    "eu-west-1_Missing1", new SenderAttachment(FUNCTION, KEY), e -> false))
        .isInstanceOf(AttachRefusedException.class)
        .hasMessageStartingWith("user pool eu-west-1_Missing1 not found");
  }

  @Test
  void planAttach_shouldRefuseBadInput_beforeCallingAws() {
    assertThatThrownBy(
            () ->
                attacher.planAttach("not a pool", new SenderAttachment(FUNCTION, KEY), e -> false))
        .hasMessageStartingWith("--pool must be a user pool id");
    assertThatThrownBy(
            () ->
                attacher.planAttach(
                    POOL_ID,
                    new SenderAttachment("arn:aws:sns:eu-west-1:1:topic", KEY),
                    e -> false))
        .hasMessageStartingWith("--function must be the sender alias's ARN");
    assertThatThrownBy(
            () -> attacher.planAttach(POOL_ID, new SenderAttachment(FUNCTION, " "), e -> false))
        .hasMessageStartingWith("--key must name");
    assertThat(aws.updateBodies()).isEmpty();
  }

  @Test
  void detach_shouldKeepTheKey_whenTheEmailSenderUsesIt() throws IOException {
    // given
    aws.addPool(
        Fixtures.everySettingWithLambdaConfig(
            "\"CustomEmailSender\": {\"LambdaVersion\": \"V1_0\", \"LambdaArn\": \""
                + OTHER_FUNCTION
                + "\"}, \"KMSKeyID\": \""
                + KEY
                + "\", \"CustomSMSSender\": {\"LambdaVersion\": \"V1_0\", \"LambdaArn\": \""
                + FUNCTION
                + "\"}"));

    // when
    AttachPlan plan = attacher.planDetach(POOL_ID, Optional.empty());

    // then
    assertThat(plan.diff())
        .containsExactly(
            "- LambdaConfig.CustomSMSSender.LambdaArn: " + FUNCTION,
            "- LambdaConfig.CustomSMSSender.LambdaVersion: V1_0");
    assertThat(plan.notes()).singleElement().asString().startsWith("the key stays");
  }

  @Test
  void detach_shouldLeaveAnotherSender_whenOnlyItsOwnMayGo() throws IOException {
    // given
    aws.addPool(attached(OTHER_FUNCTION, KEY));

    // when
    AttachPlan plan = attacher.planDetach(POOL_ID, Optional.of(FUNCTION));
    attacher.apply(plan);

    // then
    assertThat(plan.changesPool()).isFalse();
    assertThat(plan.notes()).singleElement().asString().contains("left as it is");
    assertThat(aws.updateBodies()).isEmpty();
  }

  @Test
  void detach_shouldChangeNothing_whenNoSenderIsAttached() throws IOException {
    // given
    aws.addPool(Fixtures.everySetting());

    // when
    AttachPlan plan = attacher.planDetach(POOL_ID, Optional.empty());

    // then
    assertThat(plan.changesPool()).isFalse();
    assertThat(plan.notes())
        .containsExactly("the pool has no custom SMS sender; nothing to detach");
  }

  private static String attached(String function, String key) {
    return Fixtures.everySettingWithLambdaConfig(
        "\"CustomSMSSender\": {\"LambdaVersion\": \"V1_0\", \"LambdaArn\": \""
            + function
            + "\"}, \"KMSKeyID\": \""
            + key
            + "\"");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> pool(String describeResponse) throws IOException {
    return (Map<String, Object>) JSON.std.mapFrom(describeResponse).get("UserPool");
  }
}

package dev.cognitowa.otp.attach;

import static dev.cognitowa.otp.attach.Fixtures.FUNCTION;
import static dev.cognitowa.otp.attach.Fixtures.KEY;
import static dev.cognitowa.otp.attach.Fixtures.OTHER_FUNCTION;
import static dev.cognitowa.otp.attach.Fixtures.POOL_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The custom resource as CloudFormation drives it: a request in, a PUT to the response URL out. */
class AttachResourceHandlerTest {
  private static final String OLD_FUNCTION =
      "arn:aws:lambda:eu-west-1:111122223333:function:otp-sender-old:live";

  private CognitoStandIn aws;
  private AttachResourceHandler handler;

  @BeforeEach
  void start() throws IOException {
    aws = new CognitoStandIn();
    aws.addKey(KEY, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Enabled");
    Map<String, String> env = new HashMap<>(aws.env());
    env.put("AWS_REGION", "eu-west-1");
    handler = new AttachResourceHandler(env);
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  @Test
  void create_shouldAttachAndAnswerSuccess() throws IOException {
    // given
    aws.addPool(Fixtures.everySetting());

    // when
    Map<String, Object> response = run(event("Create", FUNCTION, null));

    // then
    assertThat(response)
        .containsEntry("Status", "SUCCESS")
        .containsEntry("PhysicalResourceId", "otp-attach:" + POOL_ID)
        .containsEntry("RequestId", "request-1")
        .containsEntry("LogicalResourceId", "PoolAttachment")
        .containsEntry("StackId", "arn:aws:cloudformation:eu-west-1:111122223333:stack/otp/1");
    assertThat(aws.described(POOL_ID)).contains(FUNCTION).contains(KEY);
  }

  @Test
  void create_shouldFailWithTheRefusal_whenThePoolHasAnotherSender() throws IOException {
    // given
    aws.addPool(attached(OTHER_FUNCTION));

    // when
    Map<String, Object> response = run(event("Create", FUNCTION, null));

    // then
    assertThat(response)
        .containsEntry("Status", "FAILED")
        .containsEntry(
            "Reason",
            "pool "
                + POOL_ID
                + " already has custom SMS sender "
                + OTHER_FUNCTION
                + "; run otp detach, or otp attach --replace with this stack's alias and key, then"
                + " deploy again");
    assertThat(aws.updateBodies()).isEmpty();
  }

  @Test
  void update_shouldReplaceWhatTheResourceSetBefore() throws IOException {
    // given
    aws.addPool(attached(OLD_FUNCTION));

    // when
    Map<String, Object> response = run(event("Update", FUNCTION, OLD_FUNCTION));

    // then
    assertThat(response).containsEntry("Status", "SUCCESS");
    assertThat(aws.described(POOL_ID)).contains(FUNCTION).doesNotContain(OLD_FUNCTION);
  }

  @Test
  void update_shouldNotReplaceAnotherSender() throws IOException {
    // given
    aws.addPool(attached(OTHER_FUNCTION));

    // when
    Map<String, Object> response = run(event("Update", FUNCTION, OLD_FUNCTION));

    // then
    assertThat(response).containsEntry("Status", "FAILED");
    assertThat(aws.updateBodies()).isEmpty();
  }

  @Test
  void delete_shouldDetach_andRestoreThePool() throws IOException {
    // given
    aws.addPool(Fixtures.everySetting());
    String original = aws.described(POOL_ID);
    run(event("Create", FUNCTION, null));

    // when
    Map<String, Object> response = run(event("Delete", FUNCTION, null));

    // then
    assertThat(response).containsEntry("Status", "SUCCESS");
    assertThat(aws.described(POOL_ID)).isEqualTo(original);
  }

  @Test
  void delete_shouldLeaveAnotherSender() throws IOException {
    // given
    aws.addPool(attached(OTHER_FUNCTION));

    // when
    Map<String, Object> response = run(event("Delete", FUNCTION, null));

    // then
    assertThat(response).containsEntry("Status", "SUCCESS");
    assertThat(aws.updateBodies()).isEmpty();
  }

  @Test
  void delete_shouldSucceed_whenThePoolIsGone() throws IOException {
    // when
    Map<String, Object> response = run(event("Delete", FUNCTION, null));

    // then
    assertThat(response).containsEntry("Status", "SUCCESS");
  }

  @Test
  void handle_shouldFail_whenAwsFails() throws IOException {
    // given a key KMS does not know
    aws.addPool(Fixtures.everySetting());
    Map<String, Object> event = event("Create", FUNCTION, null);
    @SuppressWarnings("unchecked")
    Map<String, Object> properties = (Map<String, Object>) event.get("ResourceProperties");
    properties.put("KeyArn", "arn:aws:kms:eu-west-1:111122223333:key/unknown");

    // when
    Map<String, Object> response = run(event);

    // then
    assertThat(response)
        .containsEntry("Status", "FAILED")
        .extractingByKey("Reason")
        .asString()
        .startsWith("NotFoundException");
  }

  private Map<String, Object> run(Map<String, Object> event) throws IOException {
    int before = aws.customResourceResponses().size();
    handler.handleRequest(
        new ByteArrayInputStream(JSON.std.asBytes(event)), new ByteArrayOutputStream(), null);
    assertThat(aws.customResourceResponses()).hasSize(before + 1);
    return JSON.std.mapFrom(aws.customResourceResponses().get(before));
  }

  private Map<String, Object> event(String type, String function, String oldFunction) {
    Map<String, Object> event = new HashMap<>();
    event.put("RequestType", type);
    event.put("RequestId", "request-1");
    event.put("ResponseURL", aws.endpoint() + "/cloudformation-response?X-Amz-Signature=abc");
    event.put("StackId", "arn:aws:cloudformation:eu-west-1:111122223333:stack/otp/1");
    event.put("LogicalResourceId", "PoolAttachment");
    event.put("ResourceType", "Custom::OtpPoolAttachment");
    event.put("PhysicalResourceId", "otp-attach:" + POOL_ID);
    event.put("ResourceProperties", properties(function));
    if (oldFunction != null) {
      event.put("OldResourceProperties", properties(oldFunction));
    }
    return event;
  }

  private static Map<String, Object> properties(String function) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("ServiceToken", "arn:aws:lambda:eu-west-1:111122223333:function:attach");
    properties.put("PoolId", POOL_ID);
    properties.put("FunctionArn", function);
    properties.put("KeyArn", KEY);
    return properties;
  }

  private static String attached(String function) {
    return Fixtures.everySettingWithLambdaConfig(
        "\"CustomSMSSender\": {\"LambdaVersion\": \"V1_0\", \"LambdaArn\": \""
            + function
            + "\"}, \"KMSKeyID\": \""
            + KEY
            + "\"");
  }
}

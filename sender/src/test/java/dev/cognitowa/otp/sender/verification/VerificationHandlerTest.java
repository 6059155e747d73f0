package dev.cognitowa.otp.sender.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.cognitowa.otp.sender.config.SenderConfigurationException;
import dev.cognitowa.otp.sender.conversion.DynamoDbVerificationLedger;
import dev.cognitowa.otp.sender.conversion.FunnelCounters;
import dev.cognitowa.otp.sender.conversion.SendRecord;
import dev.cognitowa.otp.sender.conversion.SourceFamily;
import dev.cognitowa.otp.sender.conversion.Verified;
import dev.cognitowa.otp.sender.event.InvalidEventException;
import dev.cognitowa.otp.sender.limits.NumberPseudonyms;
import dev.cognitowa.otp.sender.testutils.Dynalite;
import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.TestLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Post confirmation / Post authentication handler, built from its environment as the Lambda
 * builds it, against dynalite.
 */
class VerificationHandlerTest {
  @RegisterExtension static Dynalite dynalite = new Dynalite();

  private static final String KEY = "a deployment's pseudonym key of 32+ characters";
  private static final String POOL = "eu-west-1_EXAMPLE";

  private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
  private final Instant deadline = Instant.now().plusSeconds(60);

  private Map<String, String> environment() {
    Map<String, String> env = new HashMap<>(dynalite.environment());
    env.put("OTP_PSEUDONYM_KEY", KEY);
    return env;
  }

  private VerificationHandler handler(Map<String, String> env) {
    return new VerificationHandler(
        env,
        line -> {
          logLines.add(line);
          System.out.println(line); // seen by the suite's output guard
        });
  }

  private static DynamoDbVerificationLedger ledger() {
    return new DynamoDbVerificationLedger(
        dynalite.client(),
        Dynalite.TABLE,
        NumberPseudonyms.keyed(KEY.getBytes(StandardCharsets.UTF_8)),
        Clock.systemUTC());
  }

  private static String event(String name, String user) {
    return Events.resource("/events/" + name + ".json").replace("maria.garcia", user);
  }

  private static byte[] invoke(VerificationHandler handler, String event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
        out,
        new TestLambdaContext(5_000));
    return out.toByteArray();
  }

  private Map<String, Object> lastLogLine() throws Exception {
    return JSON.std.mapFrom(logLines.get(logLines.size() - 1));
  }

  @Test
  void handleRequest_shouldMarkTheSignUpCodeVerifiedAndReturnTheEventUnchanged_whenConfirmed()
      throws Exception {
    // given: a sign-up code sent by SMS to a UK number 20 s ago
    Instant sentAt = Instant.now().minusSeconds(20);
    ledger()
        .recordSend(
            POOL,
            "user.confirmed",
            SourceFamily.SIGN_UP,
            new SendRecord("sms", "GB", "CustomSMSSender_SignUp", sentAt, null),
            deadline);
    String event = event("post_confirmation_confirm_sign_up", "user.confirmed");

    // when
    byte[] returned = invoke(handler(environment()), event);

    // then
    assertThat(new String(returned, StandardCharsets.UTF_8)).isEqualTo(event);
    Map<String, Object> line = lastLogLine();
    assertThat(line)
        .containsEntry("message", "otp verification")
        .containsEntry("result", "verified")
        .containsEntry("family", "sign-up")
        .containsEntry("channel", "sms")
        .containsEntry("country", "GB")
        .containsEntry("triggerSource", "CustomSMSSender_SignUp")
        .containsEntry("verifySource", "PostConfirmation_ConfirmSignUp")
        .containsKey("timeToVerifyMs")
        .containsKey("_aws");
    assertThat(((Number) line.get("timeToVerifyMs")).longValue()).isBetween(19_000L, 60_000L);
    assertThat(logLines.get(logLines.size() - 1)).doesNotContain("user.confirmed");
    assertThat(
            dynalite.item(FunnelCounters.id("sms", "GB", sentAt)).get(FunnelCounters.VERIFIED).n())
        .isEqualTo("1");
  }

  @Test
  void handleRequest_shouldMarkTheTemporaryPassword_whenTheFirstSignInFollowsAdminCreateUser()
      throws Exception {
    // given: no sign-in code, a temporary password sent yesterday
    ledger()
        .recordSend(
            POOL,
            "user.invited",
            SourceFamily.TEMPORARY_PASSWORD,
            new SendRecord(
                "whatsapp",
                "GB",
                "CustomSMSSender_AdminCreateUser",
                Instant.now().minus(Duration.ofDays(1)),
                null),
            deadline);

    // when
    invoke(handler(environment()), event("post_authentication", "user.invited"));

    // then
    assertThat(lastLogLine())
        .containsEntry("result", "verified")
        .containsEntry("family", "temporary-password");
  }

  @Test
  void handleRequest_shouldRecordNothing_whenNoCodeWasSent() throws Exception {
    // when: a password-only sign-in
    invoke(handler(environment()), event("post_authentication", "user.password.only"));

    // then
    assertThat(lastLogLine()).containsEntry("result", "unmatched").containsEntry("level", "INFO");
  }

  @Test
  void handleRequest_shouldReturnTheEventAndNotThrow_whenTheEventIsNotJson() throws Exception {
    // given
    String event = "{\"triggerSource\": ";

    // when
    byte[] returned = invoke(handler(environment()), event);

    // then
    assertThat(new String(returned, StandardCharsets.UTF_8)).isEqualTo(event);
    assertThat(lastLogLine())
        .containsEntry("level", "ERROR")
        .containsEntry("result", "refused")
        .containsEntry("reason", "event is not valid JSON");
  }

  @Test
  void handleRequest_shouldReturnWithinItsBudgetAndNotThrow_whenDynamoDbDoesNotAnswer()
      throws Exception {
    // given: DynamoDB's endpoint refuses connections
    Map<String, String> env = environment();
    try (ServerSocket socket = new ServerSocket(0)) {
      env.put("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + socket.getLocalPort());
    }
    String event = event("post_confirmation_confirm_forgot_password", "user.offline");

    // when
    byte[] returned = invoke(handler(env), event);

    // then
    assertThat(new String(returned, StandardCharsets.UTF_8)).isEqualTo(event);
    assertThat(lastLogLine())
        .containsEntry("level", "ERROR")
        .containsEntry("result", "unavailable");
    assertThat(((Number) lastLogLine().get("latencyMs")).longValue())
        .isLessThan(VerificationHandler.BUDGET.toMillis() + 500);
  }

  @Test
  void verify_shouldIgnoreOtherTriggers_andRefuseOtherPools() throws Exception {
    // given
    Map<String, String> env = environment();
    env.put("COGNITO_USER_POOL_ID", "eu-west-1_OTHER");
    VerificationHandler handler = handler(env);
    byte[] signUp =
        event("post_confirmation_confirm_sign_up", "u").getBytes(StandardCharsets.UTF_8);
    byte[] preSignUp =
        "{\"triggerSource\":\"PreSignUp_SignUp\",\"userPoolId\":\"eu-west-1_OTHER\",\"userName\":\"u\"}"
            .getBytes(StandardCharsets.UTF_8);

    // when / then
    assertThatThrownBy(() -> handler.verify(signUp, deadline, "r1"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("this function serves eu-west-1_OTHER");
    assertThat(handler.verify(preSignUp, deadline, "r2")).isEmpty();
    assertThat(lastLogLine()).containsEntry("result", "ignored");
    assertThatThrownBy(() -> handler.verify("[1]".getBytes(StandardCharsets.UTF_8), deadline, "r3"))
        .hasMessage("event is not a JSON object");
    assertThatThrownBy(
            () ->
                handler.verify(
                    "{\"triggerSource\":\"PostConfirmation_ConfirmSignUp\",\"userPoolId\":\"x\",\"userName\":\"u\"}"
                        .getBytes(StandardCharsets.UTF_8),
                    deadline,
                    "r4"))
        .hasMessage("userPoolId is not a user pool id");
    assertThatThrownBy(() -> handler.verify("{}".getBytes(StandardCharsets.UTF_8), deadline, "r5"))
        .hasMessage("triggerSource is missing or not a string");
  }

  @Test
  void verify_shouldStillReportVerified_whenTheFunnelCannotBeCredited() throws Exception {
    // given: the ledger answers, the funnel's table does not exist
    Instant sentAt = Instant.now().minusSeconds(5);
    ledger()
        .recordSend(
            POOL,
            "user.nofunnel",
            SourceFamily.SIGN_IN,
            new SendRecord("sms", "GB", "CustomSMSSender_Authentication", sentAt, null),
            deadline);
    VerificationHandler handler =
        new VerificationHandler(
            ledger(),
            Optional.of(new FunnelCounters(dynalite.client(), "no-such-table", Clock.systemUTC())),
            Optional.empty(),
            logLines::add,
            Clock.systemUTC());

    // when
    Optional<Verified> verified =
        handler.verify(
            event("post_authentication", "user.nofunnel").getBytes(StandardCharsets.UTF_8),
            deadline,
            "r");

    // then
    assertThat(verified).isPresent();
    assertThat(lastLogLine()).containsEntry("result", "verified");
    assertThat((String) lastLogLine().get("funnel")).startsWith("not credited: funnel counters");
  }

  @Test
  void beforeCheckpoint_shouldPrimeThePathOffline_andLeaveTheRealTableUntouched() throws Exception {
    // given: a handler whose table would record anything primed
    VerificationHandler handler = handler(environment());
    int before = logLines.size();

    // when: SnapStart's hooks, then a real event
    handler.beforeCheckpoint(null);
    handler.afterRestore(null);
    invoke(handler, event("post_authentication", "user.after.restore"));

    // then: priming wrote no log line and no item; the real event is handled as ever
    assertThat(logLines).hasSize(before + 1);
    assertThat(lastLogLine()).containsEntry("result", "unmatched");
    assertThat(dynalite.item(FunnelCounters.id("sms", "GB", Instant.EPOCH))).isEmpty();
  }

  @Test
  void constructor_shouldListTheMissingTable_whenNoneIsConfigured() {
    assertThatThrownBy(() -> handler(Map.of("OTP_PSEUDONYM_KEY", "short")))
        .isInstanceOf(SenderConfigurationException.class)
        .hasMessageContaining("OTP_LEDGER_TABLE is not set")
        .hasMessageContaining("OTP_PSEUDONYM_KEY must be at least 32 characters");
  }
}

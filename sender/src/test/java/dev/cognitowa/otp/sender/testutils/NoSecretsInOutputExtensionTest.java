package dev.cognitowa.otp.sender.testutils;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The guard itself: it must fail a test that prints a secret, and pass one that prints only masked
 * values.
 */
class NoSecretsInOutputExtensionTest {

  @Test
  void afterEach_shouldFailTheTest_whenItPrintsASecretOrAWholeNumber() {
    // when / then
    EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
        .selectors(selectClass(LeakyTests.class))
        .execute()
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("printsTheCode"),
                finishedWithFailure(
                    message(
                        "test output contains the value of LeakyTests.ONE_TIME_CODE: a secret reached a log line or printed "
                            + "output"))))
        .haveExactly(
            1,
            event(
                test("printsTheSharedToken"),
                finishedWithFailure(
                    message(
                        "test output contains the value of TestSecrets.ACCESS_TOKEN: a secret reached a log line or printed "
                            + "output"))))
        .haveExactly(
            1,
            event(
                test("printsAWholeNumber"),
                finishedWithFailure(
                    message(
                        "test output contains a whole phone number ending in 99: numbers must be masked"))))
        .haveExactly(
            1,
            event(
                test("printsAWamid"),
                finishedWithFailure(
                    message(
                        "test output contains base64 that decodes to a number ending in 88: a"
                            + " provider message id (a wamid holds the number) or an encoded secret"
                            + " reached the output"))))
        .haveExactly(
            1,
            event(
                test("printsTheCodeInBase64Url"),
                finishedWithFailure(
                    message(
                        "test output contains base64 that decodes to the value of"
                            + " LeakyTests.ONE_TIME_CODE: a provider message id (a wamid holds the"
                            + " number) or an encoded secret reached the output"))))
        .haveExactly(1, event(test("printsOnlyMaskedValues"), finishedSuccessfully()))
        .haveExactly(1, event(test("printsAReference"), finishedSuccessfully()));
  }

  /**
   * Run only through the test kit above (the nested class is not picked up by Surefire on its own).
   */
  static class LeakyTests {
    static final String ONE_TIME_CODE = "554433";

    @Test
    void printsTheCode() {
      System.out.println("sending code " + ONE_TIME_CODE);
    }

    @Test
    void printsTheSharedToken() {
      System.err.println("Authorization: Bearer " + TestSecrets.ACCESS_TOKEN);
    }

    @Test
    void printsAWholeNumber() {
      System.out.println("{\"to\":\"+15555550199\"}");
    }

    @Test
    void printsAWamid() {
      System.out.println("{\"messageId\":\"" + Wamids.of("+15555550188", 7) + "\"}");
    }

    @Test
    void printsTheCodeInBase64Url() {
      System.out.println(
          "state="
              + java.util.Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(("{\"otp\":\"" + ONE_TIME_CODE + "\"}").getBytes(UTF_8)));
    }

    @Test
    void printsAReference() {
      System.out.println(
          "{\"messageId\":\"7d1a54127b222502f5b79b5fb0803061152a44f92b37e23c6527baf665d4da9a\","
              + "\"ledgerKey\":\"otp-sender-lambda-2026\"}");
    }

    @Test
    void printsOnlyMaskedValues() {
      System.out.println("{\"recipient\":\"+*******0199\",\"code\":\"<redacted>\"}");
    }
  }
}

package dev.cognitowa.otp.sender.testutils;

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
        .haveExactly(1, event(test("printsOnlyMaskedValues"), finishedSuccessfully()));
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
    void printsOnlyMaskedValues() {
      System.out.println("{\"recipient\":\"+*******0199\",\"code\":\"<redacted>\"}");
    }
  }
}

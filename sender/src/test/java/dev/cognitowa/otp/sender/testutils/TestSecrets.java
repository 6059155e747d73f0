package dev.cognitowa.otp.sender.testutils;

import java.util.Map;

/** Secrets shared by many tests; the output guard watches these in every test of the suite. */
public final class TestSecrets {
  public static final String CODE = "739204";
  public static final String TEMPORARY_PASSWORD = "Tmp<9x&Q2zz";
  public static final String TEMPORARY_PASSWORD_ESCAPED = "Tmp&lt;9x&amp;Q2zz";
  public static final String ACCESS_TOKEN = "EAAtest-access-token-0123456789";
  public static final String PHONE = "+447911123456";
  public static final String PHONE_DIGITS = "447911123456";
  public static final String USER_POOL_ID = "eu-west-1_EXAMPLE";
  public static final String PHONE_NUMBER_ID = "100000000000001";

  private TestSecrets() {}

  static Map<String, String> all() {
    return Map.of(
        "TestSecrets.CODE",
        CODE,
        "TestSecrets.TEMPORARY_PASSWORD",
        TEMPORARY_PASSWORD,
        "TestSecrets.TEMPORARY_PASSWORD_ESCAPED",
        TEMPORARY_PASSWORD_ESCAPED,
        "TestSecrets.ACCESS_TOKEN",
        ACCESS_TOKEN,
        "TestSecrets.PHONE_DIGITS",
        PHONE_DIGITS);
  }
}

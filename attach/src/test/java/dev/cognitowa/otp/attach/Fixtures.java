package dev.cognitowa.otp.attach;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The test pools and the ARNs attach is given. */
public final class Fixtures {
  public static final String POOL_ID = "eu-west-1_AbCdEf123";
  public static final String FUNCTION =
      "arn:aws:lambda:eu-west-1:111122223333:function:otp-sender:live";
  public static final String OTHER_FUNCTION =
      "arn:aws:lambda:eu-west-1:111122223333:function:someone-elses-sender:prod";
  public static final String KEY =
      "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  public static final String OTHER_KEY =
      "arn:aws:kms:eu-west-1:111122223333:key/99998888-12ab-34cd-56ef-1234567890ab";

  private Fixtures() {}

  /** A DescribeUserPool response with every setting UpdateUserPool takes. */
  public static String everySetting() {
    try (InputStream in = Fixtures.class.getResourceAsStream("/pools/every-setting.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same pool whose LambdaConfig also names {@code extra} (JSON members, no braces). */
  public static String everySettingWithLambdaConfig(String extra) {
    return everySetting().replace("\"LambdaConfig\": {", "\"LambdaConfig\": {" + extra + ",");
  }
}

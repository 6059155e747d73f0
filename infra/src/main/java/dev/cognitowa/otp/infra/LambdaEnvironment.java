package dev.cognitowa.otp.infra;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Token;

/**
 * Lambda's limit on a function's environment, checked at synth: "The total size of all environment
 * variables doesn't exceed 4 KB"
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html), which a large {@code
 * appClients} or many localized SMS texts reach long before CloudFormation would say so mid-deploy.
 */
final class LambdaEnvironment {

  /** 4 KB of variable names and values. */
  static final int MAX_BYTES = 4 * 1024;

  /**
   * What a value known only at deploy time (a key, table, topic or secret ARN or name) is counted
   * as: the longest of them, a secret's ARN, is some 100 characters in the longest region names;
   * rounding up keeps the check on the safe side.
   */
  static final int TOKEN_BYTES = 128;

  private LambdaEnvironment() {}

  /** The environment's size as Lambda counts it: the UTF-8 bytes of every name and value. */
  static int bytes(Map<String, String> environment) {
    int total = 0;
    for (Map.Entry<String, String> variable : environment.entrySet()) {
      total += variable.getKey().getBytes(StandardCharsets.UTF_8).length;
      String value = variable.getValue();
      total +=
          Token.isUnresolved(value) ? TOKEN_BYTES : value.getBytes(StandardCharsets.UTF_8).length;
    }
    return total;
  }

  /**
   * @throws DeploymentConfigurationException with one line naming the function, the size and what
   *     to shorten, when the environment is over the limit
   */
  static void requireWithinLimit(String function, Map<String, String> environment) {
    int size = bytes(environment);
    if (size > MAX_BYTES) {
      throw new DeploymentConfigurationException(
          List.of(
              function
                  + "'s environment is about "
                  + size
                  + " bytes, over Lambda's 4 KB limit ("
                  + MAX_BYTES
                  + " bytes of names and values): shorten appClients, localizedSmsTexts or the SMS"
                  + " texts"));
    }
  }
}

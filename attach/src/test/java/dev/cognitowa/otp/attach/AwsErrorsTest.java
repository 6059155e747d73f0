package dev.cognitowa.otp.attach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {

  @Test
  void describe_shouldSayNoCredentials_whenTheChainFindsNone() {
    // given
    SdkClientException e =
        SdkClientException.create(
            "Unable to load credentials from any of the providers in the chain"
                + " AwsCredentialsProviderChain(credentialsProviders=[...]) : [...]");

    // then
    assertThat(AwsErrors.describe(e)).startsWith("no AWS credentials found");
  }

  @Test
  void describe_shouldCutALongClientMessage() {
    // given
    SdkClientException e = SdkClientException.create("x".repeat(500));

    // then
    assertThat(AwsErrors.describe(e))
        .startsWith("SdkClientException: xxx")
        .endsWith("...")
        .hasSize("SdkClientException: ".length() + AwsErrors.MAX_CLIENT_MESSAGE + 3);
  }
}

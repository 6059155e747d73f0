package dev.cognitowa.otp.sender.testutils;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.kmssdkv2.KmsMasterKeyProvider;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.wiring.AwsClients;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A loopback KMS on a WireMock server: GenerateDataKey hands out a fixed data key, and Decrypt
 * answers as the test says. Ciphertexts are made the way Cognito makes them, through the real SDK
 * v2 client and the Encryption SDK.
 */
public final class KmsStandIn {
  public static final String KEY_ARN =
      "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final byte[] DATA_KEY = new byte[32];
  private static final String WRAPPED_DATA_KEY =
      Base64.getEncoder()
          .encodeToString(
              "opaque-kms-ciphertext-blob-for-the-data-key".getBytes(StandardCharsets.UTF_8));

  static {
    for (int i = 0; i < DATA_KEY.length; i++) {
      DATA_KEY[i] = (byte) (0xA0 + i);
    }
  }

  private final WireMockExtension server;

  public KmsStandIn(WireMockExtension server) {
    this.server = server;
    server.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("TrentService.GenerateDataKey"))
            .willReturn(
                json(
                    "{\"CiphertextBlob\":\""
                        + WRAPPED_DATA_KEY
                        + "\",\"KeyId\":\""
                        + KEY_ARN
                        + "\","
                        + "\"Plaintext\":\""
                        + Base64.getEncoder().encodeToString(DATA_KEY)
                        + "\"}")));
    decryptAnswers(
        json(
            "{\"KeyId\":\""
                + KEY_ARN
                + "\",\"Plaintext\":\""
                + Base64.getEncoder().encodeToString(DATA_KEY)
                + "\",\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"}"));
  }

  /** The AWS variables pointing the real SDK clients at this stand-in. */
  public Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", "eu-west-1");
    env.put("AWS_ACCESS_KEY_ID", "AKIDTEST");
    env.put("AWS_SECRET_ACCESS_KEY", "test-secret-key");
    env.put("AWS_ENDPOINT_URL_KMS", server.baseUrl());
    env.put("KMS_KEY_ARN", KEY_ARN);
    return env;
  }

  /** Decrypt answers with this from now on. */
  public void decryptAnswers(ResponseDefinitionBuilder answer) {
    server.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))
            .willReturn(answer));
  }

  /** Decrypt answers with KMS's error of this type, e.g. ThrottlingException (400). */
  public void decryptFails(int status, String errorType) {
    decryptAnswers(
        aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"__type\":\"" + errorType + "\",\"message\":\"from the stand-in\"}"));
  }

  /**
   * Base64 ciphertext of {@code plaintext} under the stand-in's key, bound to {@code userPoolId},
   * as Cognito does.
   */
  public String encrypt(String plaintext, String userPoolId) {
    KmsClient client = new AwsClients(env()).kms(KEY_ARN);
    AwsCrypto crypto =
        AwsCrypto.builder()
            .withCommitmentPolicy(CommitmentPolicy.ForbidEncryptAllowDecrypt)
            .withEncryptionAlgorithm(
                CryptoAlgorithm.ALG_AES_256_GCM_IV12_TAG16_HKDF_SHA384_ECDSA_P384)
            .build();
    KmsMasterKeyProvider provider =
        KmsMasterKeyProvider.builder()
            .customRegionalClientSupplier(r -> client)
            .buildStrict(KEY_ARN);
    byte[] message =
        crypto
            .encryptData(
                provider,
                plaintext.getBytes(StandardCharsets.UTF_8),
                Map.of("userpool-id", userPoolId))
            .getResult();
    return Base64.getEncoder().encodeToString(message);
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody(body);
  }
}

package dev.cognitowa.otp.sender.crypto;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.kmssdkv2.KmsMasterKeyProvider;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import dev.cognitowa.otp.sender.wiring.AwsClients;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A KMS round trip over real sockets: the real SDK v2 KMS client (built the way the Lambda builds
 * it, pointed at a loopback KMS stand-in through AWS_ENDPOINT_URL_KMS) encrypts like Cognito with a
 * KMS master key, then the handler's decryptor decrypts through KMS Decrypt.
 */
class KmsDecryptionTest {
  private static final String KEY_ARN =
      "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  /** The data key KMS "generates": fixed, so the stand-in can hand it back on Decrypt. */
  private static final byte[] DATA_KEY = new byte[32];

  private static final String WRAPPED_DATA_KEY =
      Base64.getEncoder()
          .encodeToString(
              "opaque-kms-ciphertext-blob-for-the-data-key".getBytes(StandardCharsets.UTF_8));

  @RegisterExtension
  static WireMockExtension kms =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private KmsClient client;

  @BeforeEach
  void setUp() {
    for (int i = 0; i < DATA_KEY.length; i++) {
      DATA_KEY[i] = (byte) (0xA0 + i);
    }
    client =
        new AwsClients(
                Map.of(
                    "AWS_REGION",
                    "eu-west-1",
                    "AWS_ACCESS_KEY_ID",
                    "AKIDTEST",
                    "AWS_SECRET_ACCESS_KEY",
                    "test-secret-key",
                    "AWS_ENDPOINT_URL_KMS",
                    kms.baseUrl()))
            .kms(KEY_ARN);
    String plaintext = Base64.getEncoder().encodeToString(DATA_KEY);
    kms.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("TrentService.GenerateDataKey"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"CiphertextBlob\":\""
                            + WRAPPED_DATA_KEY
                            + "\",\"KeyId\":\""
                            + KEY_ARN
                            + "\","
                            + "\"Plaintext\":\""
                            + plaintext
                            + "\"}")));
    kms.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"KeyId\":\""
                            + KEY_ARN
                            + "\",\"Plaintext\":\""
                            + plaintext
                            + "\","
                            + "\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"}")));
  }

  private static Instant soon() {
    return Instant.now().plusSeconds(10);
  }

  private String encryptAsCognito(String plaintext, String poolId) {
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
                provider, plaintext.getBytes(StandardCharsets.UTF_8), Map.of("userpool-id", poolId))
            .getResult();
    return Base64.getEncoder().encodeToString(message);
  }

  @Test
  void decrypt_shouldCallKmsDecryptWithThePoolContext_whenTheCodeIsUnderTheKmsKey() {
    // given
    String ciphertext = encryptAsCognito(TestSecrets.CODE, TestSecrets.USER_POOL_ID);

    // when
    String code =
        EncryptionSdkCodeDecryptor.kms(KEY_ARN, client)
            .decrypt(ciphertext, TestSecrets.USER_POOL_ID, soon())
            .reveal();

    // then
    assertThat(code).isEqualTo(TestSecrets.CODE);
    kms.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))
            .withRequestBody(matchingJsonPath("$.KeyId", equalTo(KEY_ARN)))
            .withRequestBody(matchingJsonPath("$.CiphertextBlob", equalTo(WRAPPED_DATA_KEY)))
            .withRequestBody(
                matchingJsonPath(
                    "$.EncryptionContext.userpool-id", equalTo(TestSecrets.USER_POOL_ID))));
  }

  @Test
  void decrypt_shouldRefuseWithoutCallingKms_whenTheCodeIsForAnotherKey() {
    // given
    String ciphertext = encryptAsCognito(TestSecrets.CODE, TestSecrets.USER_POOL_ID);
    String otherKey = KEY_ARN.replace("1234abcd", "9999ffff");

    // when / then: strict mode only tries data keys wrapped under the configured key
    assertThatThrownBy(
            () ->
                EncryptionSdkCodeDecryptor.kms(otherKey, client)
                    .decrypt(ciphertext, TestSecrets.USER_POOL_ID, soon()))
        .isInstanceOf(CodeDecryptionException.class)
        .hasMessage("request.code is not encrypted under the configured key");
    kms.verify(
        0,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("TrentService.Decrypt")));
  }

  @Test
  void decrypt_shouldRefuse_whenKmsDeniesAccess() {
    // given
    String ciphertext = encryptAsCognito(TestSecrets.CODE, TestSecrets.USER_POOL_ID);
    kms.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"__type\":\"AccessDeniedException\",\"message\":\"User is not authorized to perform: "
                            + "kms:Decrypt\"}")));

    // when / then
    assertThatThrownBy(
            () ->
                EncryptionSdkCodeDecryptor.kms(KEY_ARN, client)
                    .decrypt(ciphertext, TestSecrets.USER_POOL_ID, soon()))
        .isInstanceOf(CodeDecryptionException.class)
        .hasMessage("KMS refused to decrypt request.code: AccessDeniedException")
        .satisfies(e -> assertThat(((CodeDecryptionException) e).isTransient()).isFalse());
  }

  @Test
  void decrypt_shouldFailTransiently_whenKmsThrottles() {
    // given
    String ciphertext = encryptAsCognito(TestSecrets.CODE, TestSecrets.USER_POOL_ID);
    kms.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")));

    // when / then
    assertThatThrownBy(
            () ->
                EncryptionSdkCodeDecryptor.kms(KEY_ARN, client)
                    .decrypt(ciphertext, TestSecrets.USER_POOL_ID, soon()))
        .isInstanceOf(CodeDecryptionException.class)
        .hasMessage("KMS could not decrypt request.code for now: ThrottlingException")
        .satisfies(e -> assertThat(((CodeDecryptionException) e).isTransient()).isTrue());
  }

  @Test
  void decrypt_shouldFailTransiently_whenKmsIsUnreachable() throws Exception {
    // given: encrypted through the stand-in, decrypted through a client whose endpoint nobody
    // listens on
    String ciphertext = encryptAsCognito(TestSecrets.CODE, TestSecrets.USER_POOL_ID);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    KmsClient unreachable =
        new AwsClients(
                Map.of(
                    "AWS_REGION",
                    "eu-west-1",
                    "AWS_ACCESS_KEY_ID",
                    "AKIDTEST",
                    "AWS_SECRET_ACCESS_KEY",
                    "test-secret-key",
                    "AWS_ENDPOINT_URL_KMS",
                    "http://127.0.0.1:" + port))
            .kms(KEY_ARN);

    // when / then
    assertThatThrownBy(
            () ->
                EncryptionSdkCodeDecryptor.kms(KEY_ARN, unreachable)
                    .decrypt(ciphertext, TestSecrets.USER_POOL_ID, soon()))
        .isInstanceOf(CodeDecryptionException.class)
        .hasMessage("KMS could not be reached to decrypt request.code")
        .satisfies(e -> assertThat(((CodeDecryptionException) e).isTransient()).isTrue());
  }

  @Test
  void decrypt_shouldFailTransientlyBeforeTheDeadline_whenKmsAnswersAfter40Seconds() {
    // given
    String ciphertext = encryptAsCognito(TestSecrets.CODE, TestSecrets.USER_POOL_ID);
    kms.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody("{}")
                    .withFixedDelay(40_000)));
    Instant deadline = Instant.now().plusSeconds(2);

    // when / then
    assertThatThrownBy(
            () ->
                EncryptionSdkCodeDecryptor.kms(KEY_ARN, client)
                    .decrypt(ciphertext, TestSecrets.USER_POOL_ID, deadline))
        .isInstanceOf(CodeDecryptionException.class)
        .satisfies(e -> assertThat(((CodeDecryptionException) e).isTransient()).isTrue())
        .hasMessageContaining("KMS did not answer");
    assertThat(Instant.now())
        .isBefore(deadline.plusMillis(500)); // generous: the handler keeps 500 ms back
  }
}

package dev.cognitowa.otp.sender.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.ParsedCiphertext;
import com.amazonaws.encryptionsdk.jce.JceMasterKey;
import com.amazonaws.encryptionsdk.multi.MultipleProviderFactory;
import dev.cognitowa.otp.sender.testutils.Events;
import dev.cognitowa.otp.sender.testutils.TestCiphertexts;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EncryptionSdkCodeDecryptorTest {
  private static final String POOL = TestSecrets.USER_POOL_ID;
  private static final EncryptionSdkCodeDecryptor DECRYPTOR = TestCiphertexts.localDecryptor();

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"739204", "000000", "ABCDEFGHIJKLMNO", "Tmp&lt;9x&amp;Q2zz", "ünïcødé-🔑"})
  void decrypt_shouldReturnThePlaintextUnchanged_whenEncryptedAsCognitoDoes(String plaintext) {
    // given
    String ciphertext = TestCiphertexts.encrypt(plaintext, POOL);

    // when / then
    assertThat(DECRYPTOR.decrypt(ciphertext, POOL, Instant.MAX).reveal()).isEqualTo(plaintext);
  }

  @Test
  void installNow_shouldPutBouncyCastleFirstForP384Verification_only() throws Exception {
    // when
    EcdsaAcceleration.installNow();

    // then: the Encryption SDK's Signature.getInstance("SHA384withECDSA") gets the fast one;
    // nothing else moves
    assertThat(java.security.Signature.getInstance("SHA384withECDSA").getProvider().getName())
        .isEqualTo(FastEcdsaVerification.NAME);
    assertThat(java.security.KeyFactory.getInstance("EC").getProvider().getName())
        .isEqualTo("SunEC");
    assertThat(java.security.Signature.getInstance("SHA256withECDSA").getProvider().getName())
        .isEqualTo("SunEC");
  }

  @Test
  void encrypt_shouldUseCognitosSuite_whenMakingTestCiphertexts() {
    // given
    byte[] message = Base64.getDecoder().decode(TestCiphertexts.encrypt(TestSecrets.CODE, POOL));

    // when
    ParsedCiphertext parsed = new ParsedCiphertext(message);

    // then: version 1 header, suite 0x0378 (AES-256-GCM, HKDF-SHA384, ECDSA P-384), userpool-id in
    // the context
    assertThat(message[0]).isEqualTo((byte) 0x01);
    assertThat(((message[2] & 0xff) << 8) | (message[3] & 0xff)).isEqualTo(0x0378);
    assertThat(parsed.getEncryptionContextMap())
        .containsEntry("userpool-id", POOL)
        .containsKey("aws-crypto-public-key");
    assertThat(parsed.getEncryptedKeyBlobCount()).isEqualTo(1);
  }

  @Test
  void header_shouldMatchOurAssumptions_whenReadFromARealCognitoCiphertext() throws Exception {
    // given: a ciphertext captured from a real Cognito pool (custom email sender, same format)
    String event =
        Events.resource("/events/reference/real-captured_custom-email-sender-signup_Yorlin2S.json");
    String code = event.replaceAll("(?s).*\"code\"\\s*:\\s*\"([^\"]+)\".*", "$1");

    // when
    ParsedCiphertext parsed = new ParsedCiphertext(Base64.getDecoder().decode(code));

    // then
    assertThat(parsed.getCryptoAlgoId().getValue()).isEqualTo((short) 0x0378);
    assertThat(parsed.getEncryptionContextMap())
        .containsKeys("userpool-id", "aws-crypto-public-key");
    assertThat(parsed.getEncryptedKeyBlobCount()).isEqualTo(1);
    assertThat(parsed.getEncryptedKeyBlobs().get(0).getProviderId()).isEqualTo("aws-kms");
    assertThatThrownBy(
            () ->
                DECRYPTOR.decrypt(
                    code, parsed.getEncryptionContextMap().get("userpool-id"), Instant.MAX))
        .isInstanceOf(CodeDecryptionException.class)
        .hasMessage("request.code is not encrypted under the configured key");
  }

  static Stream<Arguments> damagedCiphertexts() {
    byte[] good = Base64.getDecoder().decode(TestCiphertexts.encrypt(TestSecrets.CODE, POOL));
    Stream<Arguments> truncated =
        IntStream.of(1, 10, 60, good.length / 2, good.length - 104, good.length - 1)
            .mapToObj(
                n ->
                    Arguments.of(
                        "truncated to " + n + " bytes", b64(java.util.Arrays.copyOf(good, n))));
    Stream<Arguments> flipped =
        IntStream.of(good.length / 2, good.length - 120, good.length - 20)
            .mapToObj(
                i -> {
                  byte[] copy = good.clone();
                  copy[i] ^= 0x01;
                  return Arguments.of("bit flipped at byte " + i + " of " + good.length, b64(copy));
                });
    Stream<Arguments> other =
        Stream.of(
            Arguments.of(
                "foreign AES key",
                TestCiphertexts.encrypt(
                    TestSecrets.CODE,
                    POOL,
                    new byte[32],
                    TestCiphertexts.LOCAL_KEY_NAMESPACE,
                    TestCiphertexts.LOCAL_KEY_NAME)),
            Arguments.of(
                "other key namespace",
                TestCiphertexts.encrypt(
                    TestSecrets.CODE,
                    POOL,
                    TestCiphertexts.localKey(),
                    "other-namespace",
                    TestCiphertexts.LOCAL_KEY_NAME)),
            Arguments.of(
                "other key name",
                TestCiphertexts.encrypt(
                    TestSecrets.CODE,
                    POOL,
                    TestCiphertexts.localKey(),
                    TestCiphertexts.LOCAL_KEY_NAMESPACE,
                    "other-name")),
            Arguments.of(
                "extra byte appended", b64(java.util.Arrays.copyOf(good, good.length + 1))),
            Arguments.of("not base64", "this is *not* base64"),
            Arguments.of("empty", ""),
            Arguments.of("base64 of garbage", b64("hello, world".getBytes(StandardCharsets.UTF_8))),
            Arguments.of("oversized", "A".repeat(8 * 1024 + 4)));
    return Stream.of(truncated, flipped, other).flatMap(s -> s);
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damagedCiphertexts")
  void decrypt_shouldRefuseWithOneSafeLine_whenTheCiphertextIsNotIntact(
      String name, String ciphertext) {
    // given: a long enough slice of the ciphertext to recognise it if an error quoted it
    String slice = ciphertext.length() >= 20 ? ciphertext.substring(4, 20) : TestSecrets.CODE;

    // when / then
    assertThatThrownBy(() -> DECRYPTOR.decrypt(ciphertext, POOL, Instant.MAX))
        .isInstanceOf(CodeDecryptionException.class)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .startsWith("request.code ")
                    .doesNotContain("\n")
                    .doesNotContain(TestSecrets.CODE)
                    .doesNotContain(slice));
  }

  /**
   * A ciphertext of the code under the test key, bound to the pool, in another suite than
   * Cognito's.
   */
  private static String encryptWith(CryptoAlgorithm suite, CommitmentPolicy policy) {
    AwsCrypto crypto =
        AwsCrypto.builder().withCommitmentPolicy(policy).withEncryptionAlgorithm(suite).build();
    JceMasterKey key =
        JceMasterKey.getInstance(
            new SecretKeySpec(TestCiphertexts.localKey(), "AES"),
            TestCiphertexts.LOCAL_KEY_NAMESPACE,
            TestCiphertexts.LOCAL_KEY_NAME,
            "AES/GCM/NoPadding");
    return b64(
        crypto
            .encryptData(
                key, TestSecrets.CODE.getBytes(StandardCharsets.UTF_8), Map.of("userpool-id", POOL))
            .getResult());
  }

  static Stream<Arguments> otherSuites() {
    return Stream.of(
        Arguments.of(
            "0x0178 AES-256-GCM HKDF-SHA256, unsigned",
            encryptWith(
                CryptoAlgorithm.ALG_AES_256_GCM_IV12_TAG16_HKDF_SHA256,
                CommitmentPolicy.ForbidEncryptAllowDecrypt)),
        Arguments.of(
            "0x0346 AES-192-GCM HKDF-SHA384 ECDSA P-384",
            encryptWith(
                CryptoAlgorithm.ALG_AES_192_GCM_IV12_TAG16_HKDF_SHA384_ECDSA_P384,
                CommitmentPolicy.ForbidEncryptAllowDecrypt)),
        Arguments.of(
            "0x0578 committing, format version 2",
            encryptWith(
                CryptoAlgorithm.ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384,
                CommitmentPolicy.RequireEncryptRequireDecrypt)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherSuites")
  void decrypt_shouldRefuse_whenTheMessageIsNotInCognitosSuite(String name, String ciphertext) {
    // when / then: each would decrypt under our key, were the suite not checked
    assertThatThrownBy(() -> DECRYPTOR.decrypt(ciphertext, POOL, Instant.MAX))
        .isInstanceOf(CodeDecryptionException.class)
        .hasMessage(
            "request.code is not encrypted with Cognito's algorithm suite 0x0378 "
                + "(AES_256_GCM_HKDF_SHA384_ECDSA_P384)");
  }

  @Test
  void decrypt_shouldRefuse_whenTheMessageCarriesTwoEncryptedDataKeys() {
    // given: Cognito's suite, the data key wrapped under our key and under a second one
    JceMasterKey ours =
        JceMasterKey.getInstance(
            new SecretKeySpec(TestCiphertexts.localKey(), "AES"),
            TestCiphertexts.LOCAL_KEY_NAMESPACE,
            TestCiphertexts.LOCAL_KEY_NAME,
            "AES/GCM/NoPadding");
    JceMasterKey other =
        JceMasterKey.getInstance(
            new SecretKeySpec(new byte[32], "AES"),
            TestCiphertexts.LOCAL_KEY_NAMESPACE,
            "other-key",
            "AES/GCM/NoPadding");
    AwsCrypto crypto =
        AwsCrypto.builder()
            .withCommitmentPolicy(CommitmentPolicy.ForbidEncryptAllowDecrypt)
            .withEncryptionAlgorithm(
                CryptoAlgorithm.ALG_AES_256_GCM_IV12_TAG16_HKDF_SHA384_ECDSA_P384)
            .build();
    byte[] message =
        crypto
            .encryptData(
                MultipleProviderFactory.buildMultiProvider(ours, other),
                TestSecrets.CODE.getBytes(StandardCharsets.UTF_8),
                Map.of("userpool-id", POOL))
            .getResult();
    assertThat(new ParsedCiphertext(message).getEncryptedKeyBlobCount()).isEqualTo(2);

    // when / then
    assertThatThrownBy(() -> DECRYPTOR.decrypt(b64(message), POOL, Instant.MAX))
        .isInstanceOf(CodeDecryptionException.class)
        .hasMessage("request.code carries 2 encrypted data keys; Cognito's carry 1");
  }

  @Test
  void decrypt_shouldRefuse_whenTheCiphertextIsBoundToAnotherPool() {
    // given
    String ciphertext = TestCiphertexts.encrypt(TestSecrets.CODE, "eu-west-1_OTHER");

    // when / then
    assertThatThrownBy(() -> DECRYPTOR.decrypt(ciphertext, POOL, Instant.MAX))
        .isInstanceOf(CodeDecryptionException.class)
        .hasMessage(
            "request.code is bound to user pool eu-west-1_OTHER, not the event's eu-west-1_EXAMPLE "
                + "(encryption context userpool-id)");
  }

  @Test
  void decrypt_shouldRefuse_whenTheContextHasNoUserPool() {
    // given
    String ciphertext =
        TestCiphertexts.encrypt(
            TestSecrets.CODE,
            Map.of("purpose", "test"),
            TestCiphertexts.localKey(),
            TestCiphertexts.LOCAL_KEY_NAMESPACE,
            TestCiphertexts.LOCAL_KEY_NAME);

    // when / then
    assertThatThrownBy(() -> DECRYPTOR.decrypt(ciphertext, POOL, Instant.MAX))
        .isInstanceOf(CodeDecryptionException.class)
        .hasMessage("request.code has no userpool-id in its encryption context");
  }
}

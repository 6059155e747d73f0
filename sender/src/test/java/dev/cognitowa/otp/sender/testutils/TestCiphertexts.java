package dev.cognitowa.otp.sender.testutils;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.jce.JceMasterKey;
import dev.cognitowa.otp.sender.crypto.EncryptionSdkCodeDecryptor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ciphertexts made exactly as Cognito makes them (suite 0x0378, context userpool-id), under a fixed
 * test AES key.
 */
public final class TestCiphertexts {
  /** 32 bytes 0x00..0x1f: a test key, obviously not secret. */
  public static final String LOCAL_KEY_BASE64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  public static final String LOCAL_KEY_NAMESPACE = "otp-local";
  public static final String LOCAL_KEY_NAME = "cognito-code-key";

  private static final AwsCrypto COGNITO_LIKE =
      AwsCrypto.builder()
          .withCommitmentPolicy(CommitmentPolicy.ForbidEncryptAllowDecrypt)
          .withEncryptionAlgorithm(
              CryptoAlgorithm.ALG_AES_256_GCM_IV12_TAG16_HKDF_SHA384_ECDSA_P384)
          .build();

  private TestCiphertexts() {}

  public static byte[] localKey() {
    return Base64.getDecoder().decode(LOCAL_KEY_BASE64);
  }

  /** Base64 ciphertext of {@code plaintext} under the test key, bound to {@code userPoolId}. */
  public static String encrypt(String plaintext, String userPoolId) {
    return encrypt(plaintext, userPoolId, localKey(), LOCAL_KEY_NAMESPACE, LOCAL_KEY_NAME);
  }

  /** The same under another raw AES key. */
  public static String encrypt(
      String plaintext, String userPoolId, byte[] key, String namespace, String name) {
    return encrypt(plaintext, Map.of("userpool-id", userPoolId), key, namespace, name);
  }

  /** The same with an arbitrary encryption context. */
  public static String encrypt(
      String plaintext, Map<String, String> context, byte[] key, String namespace, String name) {
    JceMasterKey masterKey =
        JceMasterKey.getInstance(
            new SecretKeySpec(key, "AES"), namespace, name, "AES/GCM/NoPadding");
    byte[] message =
        COGNITO_LIKE
            .encryptData(masterKey, plaintext.getBytes(StandardCharsets.UTF_8), context)
            .getResult();
    return Base64.getEncoder().encodeToString(message);
  }

  /** A decryptor for the test key. */
  public static EncryptionSdkCodeDecryptor localDecryptor() {
    return EncryptionSdkCodeDecryptor.rawAes(localKey(), LOCAL_KEY_NAMESPACE, LOCAL_KEY_NAME);
  }
}

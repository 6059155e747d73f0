package dev.cognitowa.otp.cli.local;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.jce.JceMasterKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a code the way Cognito does (AWS Encryption SDK, suite 0x0378, encryption context {@code
 * userpool-id}), under a raw AES key instead of the pool's KMS key: what the demo and the benchmark
 * feed the real handler.
 */
public final class LocalCodeEncryptor {
  private final AwsCrypto crypto =
      AwsCrypto.builder()
          .withCommitmentPolicy(CommitmentPolicy.ForbidEncryptAllowDecrypt)
          .withEncryptionAlgorithm(
              CryptoAlgorithm.ALG_AES_256_GCM_IV12_TAG16_HKDF_SHA384_ECDSA_P384)
          .build();
  private final byte[] key;
  private final JceMasterKey masterKey;
  private final String keyNamespace;
  private final String keyName;

  public LocalCodeEncryptor(byte[] key, String keyNamespace, String keyName) {
    this.key = key.clone();
    this.keyNamespace = keyNamespace;
    this.keyName = keyName;
    this.masterKey =
        JceMasterKey.getInstance(
            new SecretKeySpec(key, "AES"), keyNamespace, keyName, "AES/GCM/NoPadding");
  }

  /** A fresh random AES-256 key. */
  public static LocalCodeEncryptor withRandomKey(String keyNamespace, String keyName) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new LocalCodeEncryptor(key, keyNamespace, keyName);
  }

  /** Base64 of the Encryption SDK message, as Cognito puts it in {@code request.code}. */
  public String encrypt(String plaintext, String userPoolId) {
    byte[] message =
        crypto
            .encryptData(
                masterKey,
                plaintext.getBytes(StandardCharsets.UTF_8),
                Map.of("userpool-id", userPoolId))
            .getResult();
    return Base64.getEncoder().encodeToString(message);
  }

  /** The environment entries that make the handler decrypt with this key. */
  public Map<String, String> environment() {
    return Map.of(
        "OTP_LOCAL_AES_KEY", Base64.getEncoder().encodeToString(key),
        "OTP_LOCAL_KEY_NAMESPACE", keyNamespace,
        "OTP_LOCAL_KEY_NAME", keyName);
  }
}

package dev.cognitowa.otp.bench;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.jce.JceMasterKey;
import dev.cognitowa.otp.sender.crypto.EncryptionSdkCodeDecryptor;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One Cognito-shaped ciphertext (suite 0x0378) decrypted by the sender's decryptor with a raw AES
 * key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecryptBenchmark {
  private static final String POOL = "eu-west-1_BENCH0000";
  private EncryptionSdkCodeDecryptor decryptor;
  private String ciphertext;

  @Setup
  public void setUp() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    AwsCrypto crypto =
        AwsCrypto.builder()
            .withCommitmentPolicy(CommitmentPolicy.ForbidEncryptAllowDecrypt)
            .withEncryptionAlgorithm(
                CryptoAlgorithm.ALG_AES_256_GCM_IV12_TAG16_HKDF_SHA384_ECDSA_P384)
            .build();
    JceMasterKey masterKey =
        JceMasterKey.getInstance(
            new SecretKeySpec(key, "AES"), "bench", "bench", "AES/GCM/NoPadding");
    ciphertext =
        Base64.getEncoder()
            .encodeToString(
                crypto
                    .encryptData(
                        masterKey,
                        "482913".getBytes(StandardCharsets.UTF_8),
                        Map.of("userpool-id", POOL))
                    .getResult());
    decryptor = EncryptionSdkCodeDecryptor.rawAes(key, "bench", "bench");
  }

  /**
   * Header parse, data-key unwrap (AES-GCM), HKDF, body decrypt and the ECDSA P-384 signature
   * check.
   */
  @Benchmark
  public String decryptRawAes() {
    return decryptor.decrypt(ciphertext, POOL, Instant.MAX).reveal();
  }
}

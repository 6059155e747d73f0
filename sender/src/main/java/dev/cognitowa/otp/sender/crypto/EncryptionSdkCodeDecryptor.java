package dev.cognitowa.otp.sender.crypto;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoResult;
import com.amazonaws.encryptionsdk.MasterKeyProvider;
import com.amazonaws.encryptionsdk.exception.AwsCryptoException;
import com.amazonaws.encryptionsdk.exception.BadCiphertextException;
import com.amazonaws.encryptionsdk.exception.CannotUnwrapDataKeyException;
import com.amazonaws.encryptionsdk.jce.JceMasterKey;
import com.amazonaws.encryptionsdk.kmssdkv2.KmsMasterKeyProvider;
import dev.cognitowa.otp.sender.support.BoundedCall;
import dev.cognitowa.otp.sender.support.Sensitive;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Decrypts Cognito's {@code request.code} with the AWS Encryption SDK for Java (2.4, chosen over
 * 3.x because it needs no Material Providers library: far fewer classes to load on a cold start;
 * the message format is the same).
 *
 * <p>Cognito encrypts with suite 0x0378 (AES-256-GCM, HKDF-SHA384, ECDSA P-384 signature), which is
 * not key committing, so the commitment policy must allow decrypting non-committed messages; we
 * never encrypt. The message must carry exactly one encrypted data key, unwrap under our key only
 * (strict provider), and be bound by its encryption context to the event's user pool. Thread-safe;
 * build once per container.
 */
public final class EncryptionSdkCodeDecryptor implements CodeDecryptor {
  /**
   * Cognito wraps the data key for the pool's one KMS key; more would only let an attacker make us
   * call KMS more.
   */
  static final int MAX_ENCRYPTED_DATA_KEYS = 1;

  /**
   * A Cognito ciphertext is about 600 base64 characters; 8 KiB bounds the work an oversized one can
   * cause.
   */
  static final int MAX_CIPHERTEXT_BASE64_LENGTH = 8 * 1024;

  /** The encryption context key Cognito binds every ciphertext to. */
  static final String USER_POOL_CONTEXT_KEY = "userpool-id";

  /**
   * Cognito's one algorithm suite: AES_256_GCM_HKDF_SHA384_ECDSA_P384, in message format version 1.
   */
  static final int COGNITO_SUITE_ID = 0x0378;

  /**
   * Format version 1 header: version (1 byte), type (1), suite (2), message id (16), then the
   * context's length.
   */
  private static final int CONTEXT_LENGTH_OFFSET = 20;

  private final AwsCrypto crypto =
      AwsCrypto.builder()
          .withCommitmentPolicy(CommitmentPolicy.ForbidEncryptAllowDecrypt)
          .withMaxEncryptedDataKeys(MAX_ENCRYPTED_DATA_KEYS)
          .build();
  private final Function<Instant, MasterKeyProvider<?>> keys;
  private final boolean callsKms;
  private final Clock clock;

  /**
   * @param keys the key provider for one decryption, given its deadline
   * @param callsKms true when decrypting leaves the process, so the call is bounded by the deadline
   */
  private EncryptionSdkCodeDecryptor(
      Function<Instant, MasterKeyProvider<?>> keys, boolean callsKms, Clock clock) {
    this.keys = keys;
    this.callsKms = callsKms;
    this.clock = clock;
  }

  /**
   * A raw AES key, wire-compatible with the raw AES keyring of the other Encryption SDK
   * implementations.
   *
   * @param key 16, 24 or 32 bytes
   * @param keyNamespace the keyring's namespace (the provider id)
   * @param keyName the keyring's key name
   */
  public static EncryptionSdkCodeDecryptor rawAes(byte[] key, String keyNamespace, String keyName) {
    MasterKeyProvider<?> aes =
        JceMasterKey.getInstance(
            new SecretKeySpec(key, "AES"), keyNamespace, keyName, "AES/GCM/NoPadding");
    return new EncryptionSdkCodeDecryptor(deadline -> aes, false, Clock.systemUTC());
  }

  /**
   * The user pool's KMS key, in strict mode: only data keys wrapped under {@code keyArn} are tried.
   * Each decryption gets its own provider (microseconds: no I/O) whose Decrypt calls carry timeouts
   * from that decryption's deadline.
   *
   * @param kmsClient used for every region, so tests can point a real client at a local endpoint
   */
  public static EncryptionSdkCodeDecryptor kms(String keyArn, KmsClient kmsClient) {
    Clock clock = Clock.systemUTC();
    return new EncryptionSdkCodeDecryptor(
        deadline ->
            KmsMasterKeyProvider.builder()
                .customRegionalClientSupplier(
                    region -> new DeadlineKmsClient(kmsClient, deadline, clock))
                .buildStrict(keyArn),
        true,
        clock);
  }

  @Override
  public Sensitive decrypt(String base64Ciphertext, String expectedUserPoolId, Instant deadline) {
    byte[] message = decode(base64Ciphertext);
    checkHeader(message);
    CryptoResult<byte[], ?> result;
    if (callsKms) {
      try {
        result =
            BoundedCall.within(
                Duration.between(clock.instant(), deadline),
                () -> decryptData(message, deadline),
                () -> {}); // the SDK's own timeouts, from the same deadline, end the abandoned call
      } catch (BoundedCall.DeadlineExceededException e) {
        throw new CodeDecryptionException("KMS did not answer before the deadline", true);
      }
    } else {
      result = decryptData(message, deadline);
    }
    Map<String, String> context = result.getEncryptionContext();
    String pool = context.get(USER_POOL_CONTEXT_KEY);
    if (pool == null) {
      throw new CodeDecryptionException(
          "request.code has no userpool-id in its encryption context");
    }
    if (!pool.equals(expectedUserPoolId)) {
      throw new CodeDecryptionException(
          "request.code is bound to user pool "
              + pool
              + ", not the event's "
              + expectedUserPoolId
              + " (encryption context userpool-id)");
    }
    return Sensitive.of(new String(result.getResult(), StandardCharsets.UTF_8));
  }

  private CryptoResult<byte[], ?> decryptData(byte[] message, Instant deadline) {
    try {
      return crypto.decryptData(keys.apply(deadline), message);
    } catch (CannotUnwrapDataKeyException e) {
      throw kmsFailure(e)
          .orElseGet(
              () ->
                  new CodeDecryptionException(
                      "request.code is not encrypted under the configured key"));
    } catch (BadCiphertextException e) {
      throw new CodeDecryptionException(
          "request.code is not an intact Encryption SDK message (corrupted, truncated "
              + "or tampered with)");
    } catch (AwsCryptoException e) {
      throw new CodeDecryptionException(
          "request.code could not be decrypted: " + e.getClass().getSimpleName());
    } catch (IllegalArgumentException | IllegalStateException | ArrayIndexOutOfBoundsException e) {
      throw new CodeDecryptionException("request.code is not a valid Encryption SDK message");
    } catch (SdkException e) {
      throw kmsFailure(e)
          .orElseGet(
              () ->
                  new CodeDecryptionException(
                      "KMS could not decrypt request.code: " + e.getClass().getSimpleName()));
    }
  }

  /**
   * The SDK reports a KMS refusal (access denied, disabled key, throttling) as "cannot unwrap":
   * look through causes and suppressed exceptions so operators see KMS's error code rather than a
   * misleading "wrong key". Throttling, KMS's own failures and an unreachable or silent KMS are
   * transient; anything else KMS answers is a refusal.
   */
  private static Optional<CodeDecryptionException> kmsFailure(Throwable e) {
    Deque<Throwable> pending = new ArrayDeque<>(List.of(e));
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    while (!pending.isEmpty()) {
      Throwable t = pending.pop();
      if (!seen.add(t)) {
        continue;
      }
      if (t instanceof AwsServiceException service) {
        String code =
            service.awsErrorDetails() == null
                ? "HTTP " + service.statusCode()
                : service.awsErrorDetails().errorCode();
        if (service.isThrottlingException() || service.statusCode() >= 500) {
          return Optional.of(
              new CodeDecryptionException(
                  "KMS could not decrypt request.code for now: " + code, true));
        }
        return Optional.of(
            new CodeDecryptionException("KMS refused to decrypt request.code: " + code));
      }
      if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
        return Optional.of(
            new CodeDecryptionException("KMS did not answer before the deadline", true));
      }
      if (t instanceof SdkClientException) {
        return Optional.of(
            new CodeDecryptionException("KMS could not be reached to decrypt request.code", true));
      }
      if (t.getCause() != null) {
        pending.push(t.getCause());
      }
      pending.addAll(List.of(t.getSuppressed()));
    }
    return Optional.empty();
  }

  /**
   * Refuses, before any KMS call, what Cognito cannot have made: another format version or
   * algorithm suite (an unsigned one, say, which the Encryption SDK would decrypt as readily), or
   * more than one encrypted data key.
   */
  private static void checkHeader(byte[] message) {
    if (message.length < CONTEXT_LENGTH_OFFSET + 2) {
      throw new CodeDecryptionException("request.code is not a valid Encryption SDK message");
    }
    int suite = (message[2] & 0xff) << 8 | (message[3] & 0xff);
    if (message[0] != 0x01 || suite != COGNITO_SUITE_ID) {
      throw new CodeDecryptionException(
          "request.code is not encrypted with Cognito's algorithm suite 0x0378 "
              + "(AES_256_GCM_HKDF_SHA384_ECDSA_P384)");
    }
    int keyCountOffset =
        CONTEXT_LENGTH_OFFSET
            + 2
            + ((message[CONTEXT_LENGTH_OFFSET] & 0xff) << 8
                | (message[CONTEXT_LENGTH_OFFSET + 1] & 0xff));
    if (message.length
        >= keyCountOffset + 2) { // shorter: truncated, which the Encryption SDK reports
      int keys = (message[keyCountOffset] & 0xff) << 8 | (message[keyCountOffset + 1] & 0xff);
      if (keys > MAX_ENCRYPTED_DATA_KEYS) {
        throw new CodeDecryptionException(
            "request.code carries "
                + keys
                + " encrypted data keys; Cognito's carry "
                + MAX_ENCRYPTED_DATA_KEYS);
      }
    }
  }

  private static byte[] decode(String base64) {
    if (base64 == null || base64.isBlank()) {
      throw new CodeDecryptionException("request.code is empty");
    }
    if (base64.length() > MAX_CIPHERTEXT_BASE64_LENGTH) {
      throw new CodeDecryptionException(
          "request.code is longer than " + MAX_CIPHERTEXT_BASE64_LENGTH + " characters");
    }
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new CodeDecryptionException("request.code is not base64");
    }
  }
}

package dev.cognitowa.otp.sender.internal;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.jce.JceMasterKey;
import dev.cognitowa.otp.sender.Sensitive;
import dev.cognitowa.otp.sender.crypto.EncryptionSdkCodeDecryptor;
import dev.cognitowa.otp.sender.delivery.MessagePolicy;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.delivery.PhoneNumbers;
import dev.cognitowa.otp.sender.event.CustomSmsSenderEvent;
import dev.cognitowa.otp.sender.event.CustomSmsSenderEventParser;
import dev.cognitowa.otp.sender.whatsapp.CloudApiClient;
import dev.cognitowa.otp.sender.whatsapp.WhatsAppMessage;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/**
 * Runs the hot path once on made-up data, without any network call, so that its classes are loaded, initialised and
 * partly compiled: before a SnapStart snapshot (org.crac {@code beforeCheckpoint}), restored invocations start warm.
 * Nothing here touches KMS, Secrets Manager or Graph: a throwaway AES key stands in for the pool's key, and a canned
 * Graph answer for the real one.
 */
public final class Priming {
  /** A handful of rounds gets the decrypt and serialise paths past the interpreter's first invocations. */
  static final int ROUNDS = 5;
  private static final String POOL = "eu-west-1_PRIMING0";

  private Priming() {}

  public static void run(MessagePolicy policy) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    JceMasterKey masterKey = JceMasterKey.getInstance(new SecretKeySpec(key, "AES"), "priming", "priming",
        "AES/GCM/NoPadding");
    AwsCrypto crypto = AwsCrypto.builder().withCommitmentPolicy(CommitmentPolicy.ForbidEncryptAllowDecrypt)
        .withEncryptionAlgorithm(CryptoAlgorithm.ALG_AES_256_GCM_IV12_TAG16_HKDF_SHA384_ECDSA_P384).build();
    String ciphertext = Base64.getEncoder().encodeToString(crypto.encryptData(masterKey,
        "000000".getBytes(StandardCharsets.UTF_8), Map.of("userpool-id", POOL)).getResult());
    EncryptionSdkCodeDecryptor decryptor = EncryptionSdkCodeDecryptor.rawAes(key, "priming", "priming");
    CustomSmsSenderEventParser parser = new CustomSmsSenderEventParser();
    byte[] event = ("{\"version\":\"1\",\"triggerSource\":\"CustomSMSSender_SignUp\",\"region\":\"eu-west-1\","
        + "\"userPoolId\":\"" + POOL + "\",\"userName\":\"priming\",\"request\":{\"type\":\"customSMSSenderRequestV1\","
        + "\"code\":\"" + ciphertext + "\",\"clientMetadata\":null,\"userAttributes\":{\"phone_number\":"
        + "\"+447911123456\"}}}").getBytes(StandardCharsets.UTF_8);
    byte[] answer = "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.PRIMING\"}]}"
        .getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < ROUNDS; i++) {
      CustomSmsSenderEvent parsed = parser.parse(event);
      Sensitive code = decryptor.decrypt(parsed.request().code(), parsed.userPoolId());
      OtpMessage message = policy.messageFor(parsed.triggerSource(), PhoneNumbers.parse(
          parsed.request().phoneNumber()), parsed.userName(), code);
      WhatsAppMessage.from(message).toJsonBytes();
      CloudApiClient.interpret(200, answer, Optional.empty());
      new DeliveryLogLine("INFO").with("outcome", "primed").with("attempts", i).toJson();
    }
  }
}

package dev.cognitowa.otp.bench;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.jce.JceMasterKey;
import dev.cognitowa.otp.sender.CustomSmsSenderHandler;
import dev.cognitowa.otp.sender.crypto.EncryptionSdkCodeDecryptor;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.MessageChannel;
import dev.cognitowa.otp.sender.delivery.MessagePolicy;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.delivery.TemplateRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.whatsapp.WhatsAppMessage;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
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
 * The handler's whole CPU path for one event, with the network call replaced by writing the Graph
 * body: parse, pool check, phone validation, decrypt and verify, template choice, JSON body, log
 * line. What is left of a warm {@code otp bench} event after this is the HTTP round trip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HandlerBenchmark {
  private static final String POOL = "eu-west-1_BENCH0000";
  private CustomSmsSenderHandler handler;
  private byte[] event;

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
    String ciphertext =
        Base64.getEncoder()
            .encodeToString(
                crypto
                    .encryptData(
                        masterKey,
                        "482913".getBytes(StandardCharsets.UTF_8),
                        Map.of("userpool-id", POOL))
                    .getResult());
    event =
        ("{\"version\":\"1\",\"triggerSource\":\"CustomSMSSender_Authentication\",\"region\":\"eu-west-1\","
                + "\"userPoolId\":\""
                + POOL
                + "\",\"userName\":\"bench\",\"callerContext\":{\"awsSdkVersion\":\"x\","
                + "\"clientId\":\"y\"},\"request\":{\"type\":\"customSMSSenderRequestV1\",\"code\":\""
                + ciphertext
                + "\",\"clientMetadata\":null,\"userAttributes\":{\"sub\":\"00000000-0000-4000-8000-000000000000\","
                + "\"phone_number_verified\":\"true\",\"phone_number\":\"+447911123456\"}},\"response\":{}}")
            .getBytes(StandardCharsets.UTF_8);
    Map<TriggerSource, TemplateRef> templates = new EnumMap<>(TriggerSource.class);
    for (TriggerSource source : TriggerSource.values()) {
      templates.put(source, new TemplateRef("otp_code", "en_US"));
    }
    handler =
        new CustomSmsSenderHandler(
            EncryptionSdkCodeDecryptor.rawAes(key, "bench", "bench"),
            new MessagePolicy(templates),
            new SerialisingChannel(),
            Optional.of(POOL),
            line -> {},
            Clock.systemUTC());
  }

  /** One event through the real handler; the channel only serialises the Graph request body. */
  @Benchmark
  public DeliveryOutcome.Delivered deliverWithoutNetwork() {
    return handler.deliver(event, Instant.MAX, "bench");
  }

  /** Writes the request body the Cloud API channel would POST, and answers as Graph would. */
  private static final class SerialisingChannel implements MessageChannel {
    @Override
    public String name() {
      return "whatsapp";
    }

    @Override
    public DeliveryOutcome deliver(OtpMessage message, Instant deadline) {
      byte[] body = WhatsAppMessage.from(message).toJsonBytes();
      return DeliveryOutcome.Delivered.accepted(name(), "wamid." + body.length, 1);
    }
  }
}

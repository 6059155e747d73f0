package dev.cognitowa.otp.sender.wiring;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.jce.JceMasterKey;
import dev.cognitowa.otp.sender.config.SenderConfig;
import dev.cognitowa.otp.sender.crypto.EncryptionSdkCodeDecryptor;
import dev.cognitowa.otp.sender.delivery.Audience;
import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.delivery.MessageChannel;
import dev.cognitowa.otp.sender.delivery.MessagePolicy;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.event.CustomSmsSenderEvent;
import dev.cognitowa.otp.sender.event.CustomSmsSenderEventParser;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.idempotency.Claim;
import dev.cognitowa.otp.sender.idempotency.DeliveryKey;
import dev.cognitowa.otp.sender.idempotency.DynamoDbDeliveryLedger;
import dev.cognitowa.otp.sender.limits.DynamoDbLimitCounter;
import dev.cognitowa.otp.sender.limits.LimitSettings;
import dev.cognitowa.otp.sender.limits.SendLimiter;
import dev.cognitowa.otp.sender.observability.DeliveryLogLine;
import dev.cognitowa.otp.sender.phone.PhoneNumbers;
import dev.cognitowa.otp.sender.phone.Recipient;
import dev.cognitowa.otp.sender.support.BoundedCall;
import dev.cognitowa.otp.sender.support.SdkCallTimeouts;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.whatsapp.CloudApiClient;
import dev.cognitowa.otp.sender.whatsapp.WhatsAppChannel;
import dev.cognitowa.otp.sender.whatsapp.WhatsAppMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Runs the hot path once on made-up data, without any network call, so that its classes are loaded,
 * initialised and partly compiled: before a SnapStart snapshot (org.crac {@code beforeCheckpoint}),
 * restored invocations start warm. Nothing here touches KMS, Secrets Manager or Graph: a throwaway
 * AES key stands in for the pool's key, a canned Graph answer for the real one, and a KMS client
 * whose HTTP client answers locally for the AWS SDK's call path.
 */
public final class Priming {
  /**
   * A handful of rounds gets the decrypt and serialise paths past the interpreter's first
   * invocations.
   */
  static final int ROUNDS = 5;

  /**
   * The hot path (parse, decrypt and verify, template, Graph body) runs up to this many times
   * before the snapshot: enough for C1 to compile what one event runs (a method is compiled after
   * about 200 calls), so a restored container's first event runs compiled code. Measured (bench
   * RuntimeStandIn with the SnapStart hooks, the deployed C1 flags, one core, load 4-6, six runs
   * each): the first event after the hooks took 16-19 ms main-thread CPU with 5 rounds, 7-9 ms with
   * 300; the hooks took 3.5-4.0 s instead of 1.5-1.8 s, once per published version.
   */
  static final int HOT_PATH_ROUNDS = 300;

  /**
   * Past this the hot path stops after its first {@link #ROUNDS} rounds: at a small memory size's
   * CPU share 300 rounds could take the init phase, which runs the hooks, past its limit.
   */
  static final Duration HOT_PATH_BUDGET = Duration.ofSeconds(3);

  private static final String POOL = "eu-west-1_PRIMING0";

  /** The made-up recipient of every priming round (a valid number, never called). */
  private static final String PHONE = "+447911123456";

  /** Named in the offline Decrypt requests; no such key is ever called. */
  private static final String PRIMING_KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/priming";

  /**
   * The canned answer is immediate; the timeouts are there so that their code path is primed too.
   */
  private static final Duration PRIMING_CALL_TIMEOUT = Duration.ofSeconds(5);

  private Priming() {}

  public static void run(MessagePolicy policy) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    JceMasterKey masterKey =
        JceMasterKey.getInstance(
            new SecretKeySpec(key, "AES"), "priming", "priming", "AES/GCM/NoPadding");
    AwsCrypto crypto =
        AwsCrypto.builder()
            .withCommitmentPolicy(CommitmentPolicy.ForbidEncryptAllowDecrypt)
            .withEncryptionAlgorithm(
                CryptoAlgorithm.ALG_AES_256_GCM_IV12_TAG16_HKDF_SHA384_ECDSA_P384)
            .build();
    String ciphertext =
        Base64.getEncoder()
            .encodeToString(
                crypto
                    .encryptData(
                        masterKey,
                        "000000".getBytes(StandardCharsets.UTF_8),
                        Map.of("userpool-id", POOL))
                    .getResult());
    EncryptionSdkCodeDecryptor decryptor =
        EncryptionSdkCodeDecryptor.rawAes(key, "priming", "priming");
    CustomSmsSenderEventParser parser = new CustomSmsSenderEventParser();
    byte[] event =
        ("{\"version\":\"1\",\"triggerSource\":\"CustomSMSSender_SignUp\",\"region\":\"eu-west-1\","
                + "\"userPoolId\":\""
                + POOL
                + "\",\"userName\":\"priming\",\"callerContext\":{\"awsSdkVersion\":\"priming\","
                + "\"clientId\":\"priming\"},\"request\":{\"type\":\"customSMSSenderRequestV1\","
                + "\"code\":\""
                + ciphertext
                + "\",\"clientMetadata\":null,\"userAttributes\":{\"locale\":\"pt-BR\","
                + "\"phone_number\":\""
                + PHONE
                + "\"}}}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] answer =
        "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.PRIMING\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    long budgetEnd = System.nanoTime() + HOT_PATH_BUDGET.toNanos();
    for (int i = 0; i < HOT_PATH_ROUNDS && (i < ROUNDS || System.nanoTime() < budgetEnd); i++) {
      CustomSmsSenderEvent parsed = parser.parse(event);
      Sensitive code = decryptor.decrypt(parsed.request().code(), parsed.userPoolId(), Instant.MAX);
      OtpMessage message =
          policy.messageFor(
              parsed.triggerSource(),
              PhoneNumbers.parse(parsed.request().phoneNumber()),
              parsed.userName(),
              code,
              Audience.of(parsed)); // the locale's parsing and the language choice too
      WhatsAppMessage.from(message).toJsonBytes();
      CloudApiClient.interpret(200, answer, Optional.empty());
      new DeliveryLogLine("INFO")
          .with("outcome", "primed")
          .with("attempts", i)
          .withMetrics(Instant.EPOCH)
          .toJson();
    }
    BoundedCall.warmUp(); // its worker thread, started now, is in the snapshot
    primeKmsCallPath();
  }

  /**
   * The AWS SDK's KMS call path (endpoint rules, marshalling, SigV4 signing, unmarshalling) on a
   * throwaway client whose HTTP client answers locally: no AWS call, no real credentials. The
   * loaded and compiled code serves the real client built in the init phase: its first Decrypt
   * after a restore took 30 ms instead of 340 ms (bench ColdKms, one core, Java 25, C1).
   *
   * @return the Decrypt answers served, one per round
   */
  public static int primeKmsCallPath() {
    CannedAnswer http = new CannedAnswer();
    try (KmsClient offline =
        KmsClient.builder()
            .httpClient(http)
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
            .build()) {
      for (int i = 0; i < ROUNDS; i++) {
        offline.decrypt(
            r ->
                r.keyId(PRIMING_KEY_ARN)
                    .ciphertextBlob(SdkBytes.fromByteArray(new byte[] {1}))
                    .overrideConfiguration(
                        SdkCallTimeouts.within(
                            PRIMING_CALL_TIMEOUT))); // as every real Decrypt carries
      }
    }
    return http.served;
  }

  /**
   * The delivery ledger's steady-state calls (a conditional PutItem, then an UpdateItem) on a
   * throwaway DynamoDB client whose HTTP client answers every request with DynamoDB's empty
   * success, as {@link #primeKmsCallPath()} does for KMS. It cut a restored function's first event
   * with the ledger on from about 190 ms to 130 ms (43 ms with it off; bench ColdInvoke primed, one
   * core, C1, dynalite on loopback).
   *
   * @return the DynamoDB answers served, five per round (the ledger's two, the limits' three)
   */
  public static int primeLedgerCallPath() {
    CannedAnswer http = new CannedAnswer("{}", "application/x-amz-json-1.0");
    try (DynamoDbClient offline =
        DynamoDbClient.builder()
            .httpClient(http)
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
            .build()) {
      DynamoDbDeliveryLedger ledger =
          new DynamoDbDeliveryLedger(offline, "priming", Clock.systemUTC());
      // The abuse limits share the table: their three conditional UpdateItems per send (per number
      // per quarter hour and per day, per pool per minute) run on every paid send, too.
      SendLimiter limits =
          new SendLimiter(
              LimitSettings.fromEnvironment(Map.of()),
              Optional.of(new DynamoDbLimitCounter(offline, "priming", Clock.systemUTC())),
              Clock.systemUTC());
      Recipient recipient = PhoneNumbers.parse(PHONE);
      for (int i = 0; i < ROUNDS; i++) {
        Instant deadline = Instant.now().plusSeconds(5);
        Claim claim =
            ledger.claim(
                DeliveryKey.of(POOL, "priming", TriggerSource.SIGN_UP, "priming-" + i), deadline);
        limits.admit(WhatsAppChannel.NAME, POOL, recipient, deadline);
        ledger.markSent(
            (Claim.Claimed) claim,
            DeliveryOutcome.Delivered.accepted("whatsapp", "wamid.PRIMING", 1));
      }
    }
    return http.served;
  }

  /**
   * A throwaway DynamoDB client whose HTTP client answers every request with {@code answer}, for
   * priming a call path before a snapshot without a network call or real credentials.
   */
  public static DynamoDbClient offlineDynamoDb(String answer) {
    return DynamoDbClient.builder()
        .httpClient(new CannedAnswer(answer, "application/x-amz-json-1.0"))
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
        .build();
  }

  /**
   * Every listed channel but the Cloud API's (whose path {@link #run} primes) delivers a made-up
   * message through its real code and SDK client (settings, SMS text, marshalling, signing,
   * unmarshalling), on an HTTP client that answers locally with the service's success: no AWS call,
   * no real credentials. A snapshot taken after it restores with a fallback channel (or an SMS-only
   * chain) already loaded and warm.
   *
   * @param config the validated configuration (its channels and templates)
   * @param env the environment the channels read their own settings from
   * @return how many channels delivered on the canned answers
   */
  public static int primeChannels(SenderConfig config, Map<String, String> env) {
    Map<String, String> offline = new HashMap<>(env);
    offline.keySet().removeIf(name -> name.startsWith("AWS_"));
    offline.put("AWS_REGION", env.getOrDefault("AWS_REGION", "eu-west-1"));
    offline.put("AWS_ACCESS_KEY_ID", "priming"); // never real credentials in the snapshot
    offline.put("AWS_SECRET_ACCESS_KEY", "priming");
    OtpMessage message =
        new MessagePolicy(config.templateSet(), config.appClientTemplates())
            .messageFor(
                TriggerSource.SIGN_UP,
                PhoneNumbers.parse(PHONE),
                "priming",
                Sensitive.of("000000"));
    int delivered = 0;
    for (String name : config.channels()) {
      String[] answer = CHANNEL_ANSWERS.get(name);
      if (answer == null) {
        continue; // the Cloud API channel: run() primes its body and answer parsing
      }
      MessageChannel channel =
          SenderWiring.createChannel(
              name,
              new SenderWiring.ChannelParts(
                  config,
                  offline,
                  new AwsClients(offline, new CannedAnswer(answer[0], answer[1])),
                  null));
      DeliveryOutcome outcome = null;
      for (int i = 0; i < ROUNDS; i++) {
        outcome = channel.deliver(message, Instant.now().plus(PRIMING_CALL_TIMEOUT));
      }
      delivered += outcome instanceof DeliveryOutcome.Delivered ? 1 : 0;
    }
    return delivered;
  }

  /** Each AWS channel's success answer and its content type, by channel name. */
  private static final Map<String, String[]> CHANNEL_ANSWERS =
      Map.of(
          "sms",
          new String[] {"{\"MessageId\":\"priming\"}", "application/x-amz-json-1.0"},
          "sns",
          new String[] {
            "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                + "<MessageId>priming</MessageId></PublishResult></PublishResponse>",
            "text/xml"
          },
          "whatsapp-eum",
          new String[] {"{\"messageId\":\"priming\"}", "application/json"});

  /**
   * An SDK HTTP client that never opens a socket: every request gets KMS's answer to a Decrypt (or
   * another).
   */
  private static final class CannedAnswer implements SdkHttpClient {
    private static final byte[] ANSWER =
        ("{\"KeyId\":\""
                + PRIMING_KEY_ARN
                + "\","
                + "\"Plaintext\":\"AAAAAAAAAAAAAAAAAAAAAA==\",\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"}")
            .getBytes(StandardCharsets.UTF_8);
    private final byte[] answer;
    private final String contentType;
    private int served;

    CannedAnswer() {
      this(new String(ANSWER, StandardCharsets.UTF_8), "application/x-amz-json-1.1");
    }

    CannedAnswer(String answer, String contentType) {
      this.answer = answer.getBytes(StandardCharsets.UTF_8);
      this.contentType = contentType;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          served++;
          return HttpExecuteResponse.builder()
              .response(
                  SdkHttpResponse.builder()
                      .statusCode(200)
                      .putHeader("Content-Type", contentType)
                      .build())
              .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
              .build();
        }

        @Override
        public void abort() {
          // nothing in flight
        }
      };
    }

    @Override
    public String clientName() {
      return "priming";
    }

    @Override
    public void close() {
      // nothing to release
    }
  }
}

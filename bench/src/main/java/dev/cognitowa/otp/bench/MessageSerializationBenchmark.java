package dev.cognitowa.otp.bench;

import dev.cognitowa.otp.sender.delivery.MessagePolicy;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.delivery.TemplateRef;
import dev.cognitowa.otp.sender.event.CustomSmsSenderEvent;
import dev.cognitowa.otp.sender.event.CustomSmsSenderEventParser;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.phone.PhoneNumbers;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.whatsapp.WhatsAppMessage;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CPU work around the two network calls: parsing the event, validating the number, writing the
 * Graph body.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MessageSerializationBenchmark {
  private final CustomSmsSenderEventParser parser = new CustomSmsSenderEventParser();
  private byte[] event;
  private MessagePolicy policy;

  @Setup
  public void setUp() {
    event =
        ("{\"version\":\"1\",\"triggerSource\":\"CustomSMSSender_Authentication\",\"region\":\"eu-west-1\","
                + "\"userPoolId\":\"eu-west-1_BENCH0000\",\"userName\":\"bench\",\"callerContext\":{\"awsSdkVersion\":\"x\","
                + "\"clientId\":\"y\"},\"request\":{\"type\":\"customSMSSenderRequestV1\",\"code\":\""
                + "A".repeat(600)
                + "\",\"clientMetadata\":null,\"userAttributes\":{\"sub\":\"00000000-0000-4000-8000-000000000000\","
                + "\"cognito:user_status\":\"CONFIRMED\",\"phone_number_verified\":\"true\",\"phone_number\":"
                + "\"+447911123456\"}},\"response\":{}}")
            .getBytes(StandardCharsets.UTF_8);
    Map<TriggerSource, TemplateRef> templates = new EnumMap<>(TriggerSource.class);
    for (TriggerSource source : TriggerSource.values()) {
      templates.put(source, new TemplateRef("otp_code", "en_US"));
    }
    policy = new MessagePolicy(templates);
  }

  @Benchmark
  public CustomSmsSenderEvent parseEvent() {
    return parser.parse(event);
  }

  @Benchmark
  public Object validatePhoneNumber() {
    return PhoneNumbers.parse("+447911123456");
  }

  @Benchmark
  public byte[] buildGraphBody() {
    OtpMessage message =
        policy.messageFor(
            TriggerSource.AUTHENTICATION,
            PhoneNumbers.parse("+447911123456"),
            "bench",
            Sensitive.of("482913"));
    return WhatsAppMessage.from(message).toJsonBytes();
  }
}

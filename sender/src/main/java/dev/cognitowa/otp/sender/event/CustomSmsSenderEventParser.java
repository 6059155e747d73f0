package dev.cognitowa.otp.sender.event;

import dev.cognitowa.otp.sender.support.Json;
import dev.cognitowa.otp.sender.support.JsonParseException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses a custom SMS sender event strictly (duplicate keys, nesting and size are limited; see
 * {@link Json}). Unknown fields are ignored; everything the sender relies on is checked, and every
 * refusal is an {@link InvalidEventException} with one line that names the field and never quotes
 * the code or the phone number. Thread-safe.
 */
public final class CustomSmsSenderEventParser {
  /**
   * Lambda's payload limit for asynchronous invocations was 256 KiB for years; a Cognito event is
   * about 2 KiB.
   */
  public static final int MAX_EVENT_BYTES = 256 * 1024;

  /**
   * User pool ids are {@code <region>_<id>}, e.g. {@code eu-west-1_AbC123} or {@code
   * us-gov-west-1_Xy9}.
   */
  private static final Pattern USER_POOL_ID =
      Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]_[0-9A-Za-z]{1,55}");

  /** Cognito's app client ids: 1 to 128 word characters or '+'. */
  private static final Pattern CLIENT_ID = Pattern.compile("[\\w+]{1,128}");

  /**
   * What Cognito writes as the caller's SDK ({@code aws-sdk-unknown-unknown}, {@code 2.814.0}); 64
   * characters hold any, and anything else is not kept, so the event prints only safe text.
   */
  private static final Pattern SDK_VERSION = Pattern.compile("[\\w.+-]{1,64}");

  /** Parses and validates one event; see the class comment for what is refused. */
  public CustomSmsSenderEvent parse(byte[] json) {
    if (json.length > MAX_EVENT_BYTES) {
      throw new InvalidEventException("event is larger than " + MAX_EVENT_BYTES + " bytes");
    }
    Map<String, Object> root = readObject(json);
    JsonFields event = new JsonFields("event", root);
    JsonFields request = event.object("request");
    String type = request.requiredString("type");
    if (!CustomSmsSenderEvent.REQUEST_TYPE_V1.equals(type)) {
      throw new InvalidEventException(
          "request.type must be "
              + CustomSmsSenderEvent.REQUEST_TYPE_V1
              + ", was "
              + JsonFields.shown(type)
              + (type.startsWith("customEmailSender") ? " (this is the SMS sender)" : ""));
    }
    String source = event.requiredString("triggerSource");
    TriggerSource triggerSource =
        TriggerSource.fromWireName(source)
            .orElseThrow(
                () ->
                    new InvalidEventException(
                        "unsupported triggerSource " + JsonFields.shown(source)));
    String userPoolId = event.requiredString("userPoolId");
    if (!USER_POOL_ID.matcher(userPoolId).matches()) {
      throw new InvalidEventException(
          "userPoolId is not a user pool id: " + JsonFields.shown(userPoolId));
    }
    String userName = event.requiredString("userName");
    String code = request.requiredString("code");
    Map<String, String> attributes = request.stringMap("userAttributes", true);
    if (!attributes.containsKey("phone_number") || attributes.get("phone_number").isBlank()) {
      throw new InvalidEventException("request.userAttributes.phone_number is missing");
    }
    Map<String, String> clientMetadata = request.stringMap("clientMetadata", false);
    return new CustomSmsSenderEvent(
        event.optionalString("version"),
        triggerSource,
        event.optionalString("region"),
        userPoolId,
        userName,
        callerContext(event),
        new CustomSmsSenderEvent.Request(type, code, clientMetadata, attributes));
  }

  /**
   * {@code callerContext}, read leniently: it only picks per-client templates, so a missing or odd
   * one means "no app client", never a refused event. A client id that is not one (Cognito's rule,
   * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html)
   * is dropped.
   */
  private static CustomSmsSenderEvent.CallerContext callerContext(JsonFields event) {
    Map<String, String> context = event.lenientStringMap("callerContext");
    String clientId = context.get("clientId");
    String sdkVersion = context.get("awsSdkVersion");
    return new CustomSmsSenderEvent.CallerContext(
        sdkVersion != null && SDK_VERSION.matcher(sdkVersion).matches() ? sdkVersion : null,
        clientId != null && CLIENT_ID.matcher(clientId).matches() ? clientId : null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readObject(byte[] json) {
    Object value;
    try {
      value = Json.read(json);
    } catch (JsonParseException.TrailingContent e) {
      throw new InvalidEventException("event has content after its JSON object");
    } catch (JsonParseException e) {
      throw new InvalidEventException(describe(e));
    }
    if (!(value instanceof Map)) {
      throw new InvalidEventException("event is not a JSON object");
    }
    return (Map<String, Object>) value;
  }

  /** What went wrong and where; {@link Json}'s messages never quote the input. */
  private static String describe(JsonParseException e) {
    if (e.problem() == JsonParseException.Problem.NO_CONTENT) {
      return "event is empty";
    }
    return "event is not valid JSON (" + e.getMessage() + ")";
  }
}

package dev.cognitowa.otp.sender.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses a custom SMS sender event strictly, with jackson-core's streaming parser (no data binding: the cheapest JSON
 * reader to load in a cold JVM). Unknown fields are ignored; everything the sender relies on is checked, and every
 * refusal is an {@link InvalidEventException} with one line that names the field and never quotes the code or the
 * phone number. Thread-safe.
 */
public final class CustomSmsSenderEventParser {
  /** Lambda's payload limit for asynchronous invocations was 256 KiB for years; a Cognito event is about 2 KiB. */
  public static final int MAX_EVENT_BYTES = 256 * 1024;
  /** A Cognito event nests four levels deep (event, request, userAttributes, value); 16 leaves room, not abuse. */
  static final int MAX_NESTING_DEPTH = 16;
  /** User pool ids are {@code <region>_<id>}, e.g. {@code eu-west-1_AbC123} or {@code us-gov-west-1_Xy9}. */
  private static final Pattern USER_POOL_ID = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]_[0-9A-Za-z]{1,55}");

  private final JsonFactory factory = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION) // a second "code" or "phone_number" could smuggle a value
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
      .build();

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
      throw new InvalidEventException("request.type must be " + CustomSmsSenderEvent.REQUEST_TYPE_V1 + ", was "
          + JsonFields.shown(type) + (type.startsWith("customEmailSender") ? " (this is the SMS sender)" : ""));
    }
    String source = event.requiredString("triggerSource");
    TriggerSource triggerSource = TriggerSource.fromWireName(source).orElseThrow(() ->
        new InvalidEventException("unsupported triggerSource " + JsonFields.shown(source)));
    String userPoolId = event.requiredString("userPoolId");
    if (!USER_POOL_ID.matcher(userPoolId).matches()) {
      throw new InvalidEventException("userPoolId is not a user pool id: " + JsonFields.shown(userPoolId));
    }
    String userName = event.requiredString("userName");
    String code = request.requiredString("code");
    Map<String, String> attributes = request.stringMap("userAttributes", true);
    if (!attributes.containsKey("phone_number") || attributes.get("phone_number").isBlank()) {
      throw new InvalidEventException("request.userAttributes.phone_number is missing");
    }
    Map<String, String> clientMetadata = request.stringMap("clientMetadata", false);
    return new CustomSmsSenderEvent(event.optionalString("version"), triggerSource, event.optionalString("region"),
        userPoolId, userName, new CustomSmsSenderEvent.Request(type, code, clientMetadata, attributes));
  }

  private Map<String, Object> readObject(byte[] json) {
    try (JsonParser parser = factory.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new InvalidEventException("event is empty");
      }
      if (first != JsonToken.START_OBJECT) {
        throw new InvalidEventException("event is not a JSON object");
      }
      Map<String, Object> root = JsonTree.readObject(parser);
      if (parser.nextToken() != null) {
        throw new InvalidEventException("event has content after its JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the input (a phone number, the ciphertext): report the position only.
      JsonLocation at = e.getLocation();
      throw new InvalidEventException("event is not valid JSON (" + JsonTree.problem(e)
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")");
    } catch (IOException e) {
      throw new InvalidEventException("event could not be read");
    }
  }
}

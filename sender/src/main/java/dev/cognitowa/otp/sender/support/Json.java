package dev.cognitowa.otp.sender.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JSON over jackson-core's streaming API: values become maps, lists, strings, numbers,
 * booleans and nulls. The sender needs nothing more, and jackson-core alone loads far fewer classes
 * on a cold start than a data binder.
 */
public final class Json {
  /** Events, Graph answers and secrets nest four levels at most; 16 leaves room, not abuse. */
  public static final int MAX_NESTING_DEPTH = 16;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(
              StreamReadFeature
                  .STRICT_DUPLICATE_DETECTION) // a second "code" or "phone_number" could smuggle a
          // value
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
          .build();

  private Json() {}

  /**
   * Reads one JSON value and requires that nothing follows it.
   *
   * @throws JsonProcessingException malformed, duplicate keys, too deep, or trailing content
   */
  public static Object read(byte[] json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() == null) {
        throw new JsonProcessingException("no content") {};
      }
      Object value = readValue(parser);
      if (parser.nextToken() != null) {
        throw new TrailingContentException();
      }
      return value;
    }
  }

  /**
   * The value as an object, or an empty map when it is not one or does not parse (for answers we
   * only inspect).
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readObjectLeniently(byte[] json) {
    try {
      Object value = read(json);
      return value instanceof Map ? (Map<String, Object>) value : Map.of();
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }

  /** Writes a map of strings, numbers, booleans, nulls, maps and lists as one line of JSON. */
  public static String write(Map<String, ?> value) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writeValue(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Thrown by {@link #read} when something follows the JSON value. */
  public static final class TrailingContentException extends JsonProcessingException {
    TrailingContentException() {
      super("content after the JSON value");
    }
  }

  private static Object readValue(JsonParser parser) throws IOException {
    return switch (parser.currentToken()) {
      case START_OBJECT -> readObject(parser);
      case START_ARRAY -> readArray(parser);
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case VALUE_NULL -> null;
      default -> throw new IllegalStateException("unexpected token " + parser.currentToken());
    };
  }

  private static Map<String, Object> readObject(JsonParser parser) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      map.put(name, readValue(parser));
    }
    return map;
  }

  private static List<Object> readArray(JsonParser parser) throws IOException {
    List<Object> list = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      list.add(readValue(parser));
    }
    return list;
  }

  private static void writeValue(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Integer || value instanceof Long) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof Number n) {
      g.writeNumber(n.toString());
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        g.writeFieldName(String.valueOf(entry.getKey()));
        writeValue(g, entry.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        writeValue(g, item);
      }
      g.writeEndArray();
    } else {
      g.writeString(String.valueOf(value));
    }
  }
}

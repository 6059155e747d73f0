package dev.cognitowa.otp.sender.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads JSON values into plain maps, lists, strings, booleans, numbers and nulls. */
final class JsonTree {
  private JsonTree() {}

  /** Reads the object whose START_OBJECT the parser is on. */
  static Map<String, Object> readObject(JsonParser parser) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      map.put(name, readValue(parser));
    }
    return map;
  }

  private static Object readValue(JsonParser parser) throws IOException {
    switch (parser.currentToken()) {
      case START_OBJECT:
        return readObject(parser);
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(readValue(parser));
        }
        return list;
      case VALUE_STRING:
        return parser.getText();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new JsonNumber(parser.getText()); // kept as written; only attribute maps turn it into text
      default:
        throw new IllegalStateException("unexpected token " + parser.currentToken());
    }
  }

  /** A JSON number as written: not a string where a string is required, its text where a map wants text. */
  record JsonNumber(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  /** What went wrong, without Jackson's message (which quotes the input). */
  static String problem(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (e instanceof StreamConstraintsException) {
      return "nested too deeply";
    }
    if (message.startsWith("Duplicate field")) {
      return "duplicate field";
    }
    if (message.startsWith("Unexpected end-of-input")) {
      return "unexpected end of input";
    }
    return "malformed";
  }
}

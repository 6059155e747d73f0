package dev.cognitowa.otp.attach;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * An SDK model object as plain maps, lists and values under its wire names, walked through the
 * SDK's own {@link SdkField}s: what the diff compares and what {@code --dry-run} prints. Unset
 * members are left out, as the SDK leaves them off the wire.
 */
final class PojoTree {

  private PojoTree() {}

  static Map<String, Object> of(SdkPojo pojo) {
    Map<String, Object> tree = new LinkedHashMap<>();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = value(field.getValueOrDefault(pojo));
      if (value != null) {
        tree.put(field.locationName(), value);
      }
    }
    return tree;
  }

  /**
   * Every leaf as {@code path = value}, paths joined with dots ({@code LambdaConfig.KMSKeyID}),
   * list items by index, map entries by key.
   */
  static Map<String, String> leaves(SdkPojo pojo) {
    Map<String, String> leaves = new TreeMap<>();
    flatten("", of(pojo), leaves);
    return leaves;
  }

  private static void flatten(String path, Object value, Map<String, String> into) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> flatten(join(path, String.valueOf(k)), v, into));
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        into.put(path, "[]");
      }
      for (int i = 0; i < list.size(); i++) {
        flatten(path + "[" + i + "]", list.get(i), into);
      }
    } else {
      into.put(path, String.valueOf(value));
    }
  }

  /** The tree as indented JSON, two spaces a level: what {@code --dry-run} prints. */
  static String json(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, "", out);
    return out.toString();
  }

  private static void write(Object value, String indent, StringBuilder out) {
    if (value instanceof Map<?, ?> map) {
      writeAll(map.entrySet(), '{', '}', indent, out);
    } else if (value instanceof List<?> list) {
      writeAll(list, '[', ']', indent, out);
    } else if (value instanceof String string) {
      quote(string, out);
    } else {
      out.append(value);
    }
  }

  private static void writeAll(
      Iterable<?> items, char open, char close, String indent, StringBuilder out) {
    String inner = indent + "  ";
    out.append(open);
    boolean first = true;
    for (Object item : items) {
      out.append(first ? "\n" : ",\n").append(inner);
      first = false;
      if (item instanceof Map.Entry<?, ?> entry) {
        quote(String.valueOf(entry.getKey()), out);
        out.append(": ");
        write(entry.getValue(), inner, out);
      } else {
        write(item, inner, out);
      }
    }
    out.append(first ? "" : "\n" + indent).append(close);
  }

  private static void quote(String string, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < string.length(); i++) {
      char c = string.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static Object value(Object value) {
    if (value == null
        || value instanceof SdkAutoConstructList<?>
        || value instanceof SdkAutoConstructMap<?, ?>) {
      return null;
    }
    if (value instanceof SdkPojo pojo) {
      return of(pojo);
    }
    if (value instanceof List<?> list) {
      List<Object> items = new ArrayList<>();
      list.forEach(item -> items.add(value(item)));
      return items;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> entries = new TreeMap<>();
      map.forEach((k, v) -> entries.put(String.valueOf(k), value(v)));
      return entries;
    }
    if (value instanceof Instant instant) {
      return instant.toString();
    }
    if (value instanceof SdkBytes bytes) {
      return bytes.asByteBuffer().remaining() + " bytes";
    }
    return value;
  }
}

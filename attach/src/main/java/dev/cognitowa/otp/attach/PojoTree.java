package dev.cognitowa.otp.attach;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

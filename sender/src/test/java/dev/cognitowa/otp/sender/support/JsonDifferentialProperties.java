package dev.cognitowa.otp.sender.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.WithQuickTheories;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * {@link Json} against jackson-core 2.21 with the settings Json had ({@link JacksonOracle}): the
 * same text written for generated values, the same values read back, and for generated and mutated
 * byte strings the same verdict (accepted with equal values, or refused). The one tolerated
 * difference: bytes that are not UTF-8 by the JDK's strict decoder but that jackson decoded anyway
 * (overlong forms, code points above U+10FFFF) or read as UTF-16/32, which Json refuses.
 */
class JsonDifferentialProperties implements WithQuickTheories {
  /** Fixed, so every run checks the same examples; a failure prints its falsifying input. */
  private static final long SEED = 0x5EED_0A50L;

  /** A one-line message that names a problem and a place, in words and numbers only. */
  private static final Pattern SAFE_MESSAGE =
      Pattern.compile("[a-zA-Z0-9 -]+ at line [0-9]+, column [0-9]+");

  /**
   * The texts the mutations start from: every shape, number form and escape the reader has, and
   * duplicate keys (which a mutation may separate or rename).
   */
  private static final List<String> SEEDS =
      List.of(
          "{\"version\":\"1\",\"request\":{\"type\":\"customSMSSenderRequestV1\",\"code\":\"AYADeJx\","
              + "\"userAttributes\":{\"phone_number\":\"+447911123456\"},\"clientMetadata\":null}}",
          "[1,-0,0.5,-1.5e+3,2E-2,1e400,2147483648,-9223372036854775809,true,false,null]",
          "{\"a\":[{\"b\":[]},{}],\"c\":\"\\u00e9\\ud83d\\ude00\\n\\t\\\"\\\\\\/\\b\\f\\r\"}",
          " \r\n\t{ \"k\" : [ 1 , \"v\" ] } \n",
          "\"caf\u00e9 \u20ac \ud83d\ude00\"",
          "[[[[[[[[[[[[[[[[\"deep\"]]]]]]]]]]]]]]]]",
          "{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":1}}}}}}}}",
          "0",
          "-12345678901234567890.25e-7",
          "{\"code\":\"A\",\"code\":\"B\"}",
          "{\"a\":{\"phone_number\":1,\"phone_number\":2},\"b\":[{\"c\":1,\"d\":2,\"c\":3}]}");

  /** What a mutation puts in: punctuation, number parts, bad escapes, bad UTF-8, duplicates. */
  private static final List<byte[]> FRAGMENTS =
      List.of(
          bytes("{"),
          bytes("}"),
          bytes("["),
          bytes("]"),
          bytes("\""),
          bytes(","),
          bytes(":"),
          bytes("\\"),
          bytes("-"),
          bytes("+"),
          bytes("."),
          bytes("e"),
          bytes("E-"),
          bytes("0"),
          bytes("01"),
          bytes("1."),
          bytes(".5"),
          bytes("9223372036854775808"),
          bytes(" "),
          bytes("\t"),
          bytes("\r\n"),
          bytes("\f"),
          bytes("\u0001"),
          bytes("\u007f"),
          bytes("\\x"),
          bytes("\\u12"),
          bytes("\\u00e9"),
          bytes("\\ud800"),
          bytes("\\udc00"),
          bytes("\\'"),
          bytes(",\"a\":1"),
          bytes(",\"code\":\"SMUGGLED\""),
          bytes("\"k\":\"v\","),
          bytes("[[[[[[[[[[[[[[[["),
          bytes("{\"a\":{\"a\":{\"a\":{\"a\":"),
          bytes("true"),
          bytes("nul"),
          bytes("NaN"),
          bytes("'"),
          bytes("/*"),
          new byte[] {(byte) 0xC3, (byte) 0xA9},
          new byte[] {(byte) 0xC0, (byte) 0x80},
          new byte[] {(byte) 0xC3},
          new byte[] {(byte) 0xE2, (byte) 0x82},
          new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
          new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
          new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80},
          new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
          new byte[] {(byte) 0xF8},
          new byte[] {(byte) 0x80},
          new byte[] {(byte) 0xFF},
          new byte[] {0},
          new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});

  @Test
  void write_shouldGiveJacksonsText_forGeneratedValues() {
    qt().withFixedSeed(SEED)
        .withExamples(2000)
        .forAll(objects(3))
        .checkAssert(value -> assertThat(Json.write(value)).isEqualTo(JacksonOracle.write(value)));
  }

  @Test
  void read_shouldGiveJacksonsValues_forWhatWasWritten() {
    qt().withFixedSeed(SEED)
        .withExamples(2000)
        .forAll(objects(3))
        .checkAssert(value -> compare(JacksonOracle.write(value).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void utf8Writer_shouldGiveJacksonsBytes_forGeneratedStrings() {
    qt().withFixedSeed(SEED)
        .withExamples(2000)
        .forAll(lists().of(text()).ofSizeBetween(0, 6))
        .checkAssert(
            strings -> {
              JsonUtf8Writer writer = new JsonUtf8Writer(16).startObject();
              for (int i = 0; i + 1 < strings.size(); i += 2) {
                writer.field(strings.get(i), strings.get(i + 1));
              }
              writer.name("list").startArray();
              strings.forEach(writer::value);
              byte[] ours = writer.endArray().endObject().toByteArray();
              assertThat(new String(ours, StandardCharsets.ISO_8859_1))
                  .isEqualTo(
                      new String(JacksonOracle.writeUtf8(strings), StandardCharsets.ISO_8859_1));
            });
  }

  @Test
  void read_shouldAgreeWithJackson_whenValidTextsAreMutated() {
    Gen<byte[]> seed = Generate.pick(SEEDS).map(JsonDifferentialProperties::bytes);
    Gen<byte[]> once = seed.zip(mutations(), (bytes, mutation) -> mutation.apply(bytes));
    Gen<byte[]> twice = once.zip(mutations(), (bytes, mutation) -> mutation.apply(bytes));
    Gen<byte[]> thrice = twice.zip(mutations(), (bytes, mutation) -> mutation.apply(bytes));
    qt().withFixedSeed(SEED)
        .withExamples(6000)
        .forAll(once.mix(twice).mix(thrice))
        .checkAssert(JsonDifferentialProperties::compare);
  }

  @Test
  void read_shouldAgreeWithJackson_whenGivenArbitraryBytes() {
    Gen<Byte> jsonish =
        Generate.pick(
            Arrays.asList(
                (byte) '{',
                (byte) '}',
                (byte) '[',
                (byte) ']',
                (byte) '"',
                (byte) ',',
                (byte) ':',
                (byte) '1',
                (byte) '0',
                (byte) '-',
                (byte) '.',
                (byte) 'e',
                (byte) ' ',
                (byte) '\\',
                (byte) 'u',
                (byte) 'a',
                (byte) 0xC3,
                (byte) 0xA9));
    Gen<byte[]> bytes =
        Generate.byteArrays(integers().between(0, 24), jsonish)
            .mix(
                Generate.byteArrays(
                    integers().between(0, 24),
                    Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)));
    qt().withFixedSeed(SEED)
        .withExamples(4000)
        .forAll(bytes)
        .checkAssert(JsonDifferentialProperties::compare);
  }

  /** Both readers on the same bytes: same verdict and equal values, or a tolerated difference. */
  static void compare(byte[] input) {
    Object ours;
    JsonParseException refusal = null;
    try {
      ours = Json.read(input);
    } catch (JsonParseException e) {
      ours = null;
      refusal = e;
      assertThat(e.getMessage()).matches(SAFE_MESSAGE);
    }
    if (utf16Or32ByJackson(input)) {
      assertThat(refusal).as("UTF-16 or UTF-32 input is refused").isNotNull();
      return;
    }
    Object theirs;
    try {
      theirs = JacksonOracle.read(input);
    } catch (IOException e) {
      assertThat(refusal).as("jackson refused %s (%s)", show(input), e.getMessage()).isNotNull();
      return;
    }
    if (refusal != null) {
      if (refusal.problem() == JsonParseException.Problem.INVALID_UTF8 && !strictUtf8(input)) {
        return; // the deliberate difference: jackson decodes some invalid UTF-8
      }
      fail("Json refused %s (%s) but jackson read %s", show(input), refusal.getMessage(), theirs);
    }
    assertThat(ours).as(show(input)).isEqualTo(theirs);
    assertThat(sameTypes(ours, theirs)).as("number types in %s", show(input)).isTrue();
  }

  /** Equal values can still differ in type (1 as Integer or Long): compare the types too. */
  private static boolean sameTypes(Object ours, Object theirs) {
    if (ours instanceof Map<?, ?> a && theirs instanceof Map<?, ?> b) {
      List<?> keys = new ArrayList<>(a.keySet());
      return keys.equals(new ArrayList<>(b.keySet()))
          && keys.stream().allMatch(k -> sameTypes(a.get(k), b.get(k)));
    }
    if (ours instanceof List<?> a && theirs instanceof List<?> b) {
      for (int i = 0; i < a.size(); i++) {
        if (!sameTypes(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return ours == null ? theirs == null : theirs != null && ours.getClass() == theirs.getClass();
  }

  /**
   * Jackson's encoding detection: a UTF-16 or UTF-32 byte order mark, or a zero byte in the first
   * four (as ASCII in UTF-16 or UTF-32 has).
   */
  private static boolean utf16Or32ByJackson(byte[] input) {
    if (input.length >= 2
        && ((input[0] == (byte) 0xFE && input[1] == (byte) 0xFF)
            || (input[0] == (byte) 0xFF && input[1] == (byte) 0xFE))) {
      return true;
    }
    for (int i = 0; i < Math.min(4, input.length); i++) {
      if (input[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean strictUtf8(byte[] input) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(input));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static String show(byte[] input) {
    StringBuilder s = new StringBuilder();
    for (byte b : input) {
      s.append(
          b >= 0x20 && b < 0x7F
              ? String.valueOf((char) b)
              : String.format(Locale.ROOT, "\\x%02X", b));
    }
    return s.toString();
  }

  private interface Mutation {
    byte[] apply(byte[] input);
  }

  /** Cut short, one byte replaced, or a fragment inserted, at a random place. */
  private Gen<Mutation> mutations() {
    Gen<Integer> where = integers().between(0, 10_000);
    Gen<byte[]> fragment = Generate.pick(FRAGMENTS);
    Gen<Integer> kind = integers().between(0, 3);
    return kind.zip(
        where,
        fragment,
        (k, at, bytes) ->
            input -> {
              int i = input.length == 0 ? 0 : at % (input.length + 1);
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              switch (k) {
                case 0 -> out.write(input, 0, i); // truncated
                case 1 -> { // replaced
                  out.write(input, 0, i);
                  out.write(bytes, 0, bytes.length);
                  int rest = Math.min(input.length, i + 1);
                  out.write(input, rest, input.length - rest);
                }
                default -> { // inserted
                  out.write(input, 0, i);
                  out.write(bytes, 0, bytes.length);
                  out.write(input, i, input.length - i);
                }
              }
              return out.toByteArray();
            });
  }

  /** Strings with what writers escape: quotes, backslashes, controls, non-ASCII, surrogates. */
  private Gen<String> text() {
    Gen<String> special =
        Generate.pick(
            List.of(
                "",
                "\"",
                "\\",
                "\u0000\u0001\u001f",
                "\b\f\n\r\t",
                "/</script>",
                "\u007f\u0080\u00e9\u07ff\u0800\u2028\u20ac\uffff",
                "\ud83d\ude00",
                "\ud800",
                "\udc00x",
                "+447911123456"));
    return strings()
        .allPossible()
        .ofLengthBetween(0, 8)
        .mix(strings().ascii().ofLengthBetween(0, 12))
        .mix(special)
        .mix(lists().of(special).ofSizeBetween(0, 4).map(parts -> String.join("", parts)));
  }

  private Gen<Object> scalars() {
    Gen<Object> numbers =
        integers()
            .all()
            .<Object>map(i -> i)
            .mix(longs().all().map(l -> l))
            .mix(
                longs()
                    .all()
                    .zip(
                        integers().between(1, 30),
                        (l, e) -> (Object) BigInteger.valueOf(l).shiftLeft(e * 3)))
            .mix(doubles().any().map(d -> d))
            .mix(
                Generate.pick(
                    List.<Object>of(
                        0,
                        -1,
                        Integer.MAX_VALUE,
                        Integer.MIN_VALUE,
                        Long.MAX_VALUE,
                        Long.MIN_VALUE,
                        0.0,
                        -0.0,
                        1e300,
                        Double.MIN_VALUE,
                        Double.NaN,
                        1.5f)));
    return text()
        .<Object>map(s -> s)
        .mix(numbers)
        .mix(Generate.pick(Arrays.<Object>asList(true, false, null, DayOfWeek.MONDAY)));
  }

  /** Values nested up to {@code depth} levels of lists and maps. */
  private Gen<Object> values(int depth) {
    if (depth == 0) {
      return scalars();
    }
    Gen<Object> inner = values(depth - 1);
    return scalars()
        .mix(lists().of(inner).ofSizeBetween(0, 4).map(list -> (Object) new ArrayList<>(list)))
        .mix(objects(depth - 1).map(map -> (Object) map));
  }

  private Gen<Map<String, Object>> objects(int depth) {
    Gen<Object> inner = depth == 0 ? scalars() : values(depth);
    return lists()
        .of(text().zip(inner, (k, v) -> new AbstractMap.SimpleEntry<>(k, v)))
        .ofSizeBetween(0, 5)
        .map(
            entries -> {
              Map<String, Object> map = new LinkedHashMap<>();
              entries.forEach(e -> map.put(e.getKey(), e.getValue()));
              return map;
            });
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

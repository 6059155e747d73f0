package dev.cognitowa.otp.sender.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A locale as a user or an app gave it, reduced to what picks a WhatsApp template language: a
 * language, maybe a script and a region. {@link #parse} reads BCP 47 tags ({@code pt-BR}, {@code
 * zh-Hant-TW}, {@code es-419}) as Cognito's {@code locale} attribute should hold them, and the
 * underscore and POSIX forms apps write too ({@code fr_CA}, {@code en_US.UTF-8}); anything else is
 * no locale at all. Cognito does not check the attribute's value (it is the OIDC standard claim, "a
 * BCP47 language tag", https://openid.net/specs/openid-connect-core-1_0.html#StandardClaims;
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html), so
 * the value is the user's own text: it is never logged, echoed or stored, only matched.
 *
 * @param language lower-case ISO 639 code, legacy codes replaced ({@code iw} becomes {@code he})
 * @param script title-case ISO 15924 code ({@code Hant}), or null
 * @param region upper-case ISO 3166 code or UN M.49 digits ({@code BR}, {@code 419}), or null
 */
public record LocaleTag(String language, String script, String region) {
  /**
   * RFC 5646 section 4.4.1: 35 characters hold any tag of language, extended language, script,
   * region and variant; 64 leaves room for a POSIX suffix ({@code .UTF-8@euro}) or an extension,
   * and refuses without reading them the values of up to 2048 characters an attribute may hold.
   */
  static final int MAX_LENGTH = 64;

  /** BCP 47 subtags are 1 to 8 letters or digits (RFC 5646 section 2.1). */
  private static final Pattern SUBTAG = Pattern.compile("[A-Za-z0-9]{1,8}");

  /**
   * ISO 639-1 codes withdrawn or replaced: still sent by old Android and Java versions ({@code iw},
   * {@code in}, {@code ji}), and {@code no}, the macrolanguage whose written standard WhatsApp
   * lists as {@code nb}; {@code tl} is Tagalog, which WhatsApp lists as Filipino, {@code fil}.
   */
  private static final Map<String, String> LEGACY =
      Map.of("iw", "he", "in", "id", "ji", "yi", "jw", "jv", "mo", "ro", "no", "nb", "tl", "fil");

  /**
   * ISO 639 codes that name no language a template can be written in: undetermined, multiple,
   * uncoded and no linguistic content.
   */
  private static final List<String> NOT_A_LANGUAGE = List.of("und", "mul", "mis", "zxx");

  public LocaleTag {
    if (language == null || !language.matches("[a-z]{2,3}")) {
      throw new IllegalArgumentException("language must be 2 or 3 lower-case letters");
    }
  }

  /**
   * The locale in {@code raw}, or empty when it is missing, over-long, malformed or names no
   * language ({@code und}, {@code C.UTF-8}, {@code x-private}).
   */
  public static Optional<LocaleTag> parse(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String tag = raw.strip();
    int posixSuffix = indexOfAny(tag, '.', '@'); // en_US.UTF-8, de_DE@euro
    if (posixSuffix >= 0) {
      tag = tag.substring(0, posixSuffix);
    }
    String[] subtags = tag.split("[-_]", -1);
    for (String subtag : subtags) {
      if (!SUBTAG.matcher(subtag).matches()) {
        return Optional.empty(); // empty, too long, or a character no tag has: not a locale
      }
    }
    String language = subtags[0].toLowerCase(Locale.ROOT);
    if (!language.matches("[a-z]{2,3}") || NOT_A_LANGUAGE.contains(language)) {
      return Optional.empty();
    }
    if (language.compareTo("qaa") >= 0 && language.compareTo("qtz") <= 0) {
      return Optional.empty(); // ISO 639-2's private-use range: no one else knows what it means
    }
    language = LEGACY.getOrDefault(language, language);
    String script = null;
    String region = null;
    for (int i = 1; i < subtags.length; i++) {
      String subtag = subtags[i];
      if (subtag.length() == 1) {
        break; // an extension or private use (-u-, -x-): nothing in it picks a template
      }
      if (script == null && region == null && subtag.matches("[A-Za-z]{4}")) {
        script =
            subtag.substring(0, 1).toUpperCase(Locale.ROOT)
                + subtag.substring(1).toLowerCase(Locale.ROOT);
      } else if (region == null && subtag.matches("[A-Za-z]{2}|[0-9]{3}")) {
        region = subtag.toUpperCase(Locale.ROOT);
      }
      // extended languages (zh-yue), variants (de-1996): ignored, the language decides
    }
    return Optional.of(new LocaleTag(language, script, region));
  }

  /**
   * The WhatsApp codes this locale asks for, best first: language and region ({@code pt_BR}), the
   * region a Chinese script implies ({@code zh-Hant} reads {@code zh_TW}, then {@code zh_HK}), then
   * the language alone ({@code pt}).
   */
  public List<String> candidates() {
    List<String> codes = new ArrayList<>(4);
    if (region != null) {
      codes.add(language + "_" + region);
    }
    if ("zh".equals(language) && script != null) {
      // WhatsApp has Chinese only by region: zh_CN (simplified), zh_HK and zh_TW (traditional)
      if ("Hant".equals(script)) {
        codes.add("zh_TW");
        codes.add("zh_HK");
      } else if ("Hans".equals(script)) {
        codes.add("zh_CN");
      }
    }
    codes.add(language);
    return codes.stream().distinct().toList();
  }

  private static int indexOfAny(String text, char first, char second) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == first || text.charAt(i) == second) {
        return i;
      }
    }
    return -1;
  }
}

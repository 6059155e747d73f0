package dev.cognitowa.otp.sender.phone;

import com.google.i18n.phonenumbers.CountryCodeToRegionCodeMap;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.init.ClassPathResourceMetadataLoader;
import com.google.i18n.phonenumbers.metadata.init.MetadataParser;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import com.google.i18n.phonenumbers.metadata.source.MetadataSourceImpl;
import com.google.i18n.phonenumbers.metadata.source.MultiFileModeFileNameProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libphonenumber's rules for a number written in E.164, applied to its metadata directly: which
 * country calling code and national number it has, which region it belongs to, whether it is a
 * valid number there and of which type. The answers are {@code PhoneNumberUtil}'s for the same
 * input ({@code parse} without a default region, {@code isValidNumber}, {@code
 * getRegionCodeForNumber}, {@code getNumberType}, {@code format} as E.164), which a differential
 * test checks over every region's example numbers and many generated ones.
 *
 * <p>Why not {@code PhoneNumberUtil} itself: its class initialisation compiles some forty regular
 * expressions for free-text parsing (letters, extensions, punctuation, other scripts' digits) that
 * a strict E.164 string never needs, 50-60 ms of a cold JVM on one core, on the way to every first
 * message. The metadata (per region, loaded on first use) and the regions' own patterns are the
 * library's, unchanged.
 */
final class NumberMetadata {
  /** libphonenumber's bounds on a national significant number's length. */
  private static final int MIN_NATIONAL_LENGTH = 2;

  private static final int MAX_NATIONAL_LENGTH = 17;
  private static final int MAX_CALLING_CODE_LENGTH = 3;

  /** The region code libphonenumber gives non-geographic numbers (e.g. +800, +882). */
  static final String NON_GEOGRAPHIC = "001";

  private static final String METADATA_FILE_PREFIX =
      "/com/google/i18n/phonenumbers/data/PhoneNumberMetadataProto";

  private final Map<Integer, List<String>> regionsByCallingCode =
      CountryCodeToRegionCodeMap.getCountryCodeToRegionCodeMap();
  private final MetadataSource metadata =
      new MetadataSourceImpl(
          new MultiFileModeFileNameProvider(METADATA_FILE_PREFIX),
          new ClassPathResourceMetadataLoader(),
          MetadataParser.newLenientParser());
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  /**
   * A number split into its parts.
   *
   * @param callingCode the country calling code
   * @param nationalNumber the national significant number (a national prefix written after the
   *     calling code removed, as libphonenumber does)
   * @param region the region it is valid in, or null when it is not a valid number
   * @param type its type in that region; {@link NumberType#UNKNOWN} when it is not valid
   */
  record Parsed(int callingCode, String nationalNumber, String region, NumberType type) {
    boolean valid() {
      return region != null;
    }

    String e164() {
      return "+" + callingCode + nationalNumber;
    }
  }

  /**
   * Splits and checks the digits after an E.164 number's '+'.
   *
   * @param digits ASCII digits, the first not 0
   * @return the parts, or null when libphonenumber could not parse it at all (no known calling
   *     code, national number too short or too long)
   */
  Parsed parse(String digits) {
    int callingCode = 0;
    List<String> regions = null;
    for (int length = 1; length <= MAX_CALLING_CODE_LENGTH && length <= digits.length(); length++) {
      callingCode = Integer.parseInt(digits.substring(0, length));
      regions = regionsByCallingCode.get(callingCode);
      if (regions != null) {
        break;
      }
    }
    if (regions == null) {
      return null;
    }
    String national = digits.substring(String.valueOf(callingCode).length());
    PhoneMetadata main = metadataFor(callingCode, regions.get(0));
    if (main != null) {
      String stripped = withoutNationalPrefix(national, main);
      if (lengthAllowsStripping(stripped, main)) {
        national = stripped;
      }
    }
    if (national.length() < MIN_NATIONAL_LENGTH || national.length() > MAX_NATIONAL_LENGTH) {
      return null;
    }
    String region = regionOf(callingCode, national, regions);
    NumberType type = NumberType.UNKNOWN;
    if (region != null) {
      PhoneMetadata regionMetadata = metadataFor(callingCode, region);
      type = regionMetadata == null ? NumberType.UNKNOWN : typeOf(national, regionMetadata);
      if (type == NumberType.UNKNOWN) {
        region = null;
      }
    }
    return new Parsed(callingCode, national, region, type);
  }

  /**
   * The region of a national number among those sharing its calling code: the first whose leading
   * digits match, or, for regions without leading digits, whose number types include it.
   */
  private String regionOf(int callingCode, String national, List<String> regions) {
    if (regions.size() == 1) {
      return regions.get(0);
    }
    for (String region : regions) {
      PhoneMetadata candidate = metadataFor(callingCode, region);
      if (candidate == null) {
        continue;
      }
      if (candidate.hasLeadingDigits()) {
        if (pattern(candidate.getLeadingDigits()).matcher(national).lookingAt()) {
          return region;
        }
      } else if (typeOf(national, candidate) != NumberType.UNKNOWN) {
        return region;
      }
    }
    return null;
  }

  /**
   * A national prefix (or carrier code) written after the calling code, removed or transformed by
   * the region's own parsing rule, unless the number matched the region's general pattern before
   * and would not after.
   */
  private String withoutNationalPrefix(String national, PhoneMetadata main) {
    String prefixRule = main.getNationalPrefixForParsing();
    if (national.isEmpty() || prefixRule.isEmpty()) {
      return national;
    }
    Matcher prefix = pattern(prefixRule).matcher(national);
    if (!prefix.lookingAt()) {
      return national;
    }
    PhoneNumberDesc general = main.getGeneralDesc();
    boolean viableBefore = matchesPattern(national, general);
    String transform = main.getNationalPrefixTransformRule();
    String candidate =
        transform == null || transform.isEmpty() || prefix.group(prefix.groupCount()) == null
            ? national.substring(prefix.end())
            : prefix.replaceFirst(transform);
    if (viableBefore && !matchesPattern(candidate, general)) {
      return national;
    }
    return candidate;
  }

  /**
   * Whether the number left after removing a national prefix is long enough to keep: a possible
   * length for the region, or longer than any (libphonenumber keeps the removal then, too).
   */
  private static boolean lengthAllowsStripping(String national, PhoneMetadata main) {
    PhoneNumberDesc general = main.getGeneralDesc();
    List<Integer> lengths = general.getPossibleLengthList();
    if (lengths.isEmpty() || lengths.get(0) == -1) {
      return false;
    }
    int length = national.length();
    if (general.getPossibleLengthLocalOnlyList().contains(length)) {
      return false;
    }
    int shortest = lengths.get(0);
    if (length == shortest) {
      return true;
    }
    if (length < shortest) {
      return false;
    }
    if (length > lengths.get(lengths.size() - 1)) {
      return true; // too long: libphonenumber still keeps the stripped form
    }
    return lengths.subList(1, lengths.size()).contains(length);
  }

  /**
   * The national number's type in the region: the first type whose possible lengths and pattern
   * admit it, in {@code PhoneNumberUtil.getNumberType}'s order (the paid and special types before
   * fixed line and mobile); {@code UNKNOWN} when none does, which makes the number invalid.
   */
  private NumberType typeOf(String national, PhoneMetadata region) {
    if (!matches(national, region.getGeneralDesc())) {
      return NumberType.UNKNOWN;
    }
    if (matches(national, region.getPremiumRate())) {
      return NumberType.PREMIUM_RATE;
    }
    if (matches(national, region.getTollFree())) {
      return NumberType.TOLL_FREE;
    }
    if (matches(national, region.getSharedCost())) {
      return NumberType.SHARED_COST;
    }
    if (matches(national, region.getVoip())) {
      return NumberType.VOIP;
    }
    if (matches(national, region.getPersonalNumber())) {
      return NumberType.PERSONAL_NUMBER;
    }
    if (matches(national, region.getPager())) {
      return NumberType.PAGER;
    }
    if (matches(national, region.getUan())) {
      return NumberType.UAN;
    }
    if (matches(national, region.getVoicemail())) {
      return NumberType.VOICEMAIL;
    }
    boolean sameMobileAndFixed = region.getSameMobileAndFixedLinePattern();
    if (matches(national, region.getFixedLine())) {
      return sameMobileAndFixed || matches(national, region.getMobile())
          ? NumberType.FIXED_LINE_OR_MOBILE
          : NumberType.FIXED_LINE;
    }
    return !sameMobileAndFixed && matches(national, region.getMobile())
        ? NumberType.MOBILE
        : NumberType.UNKNOWN;
  }

  /** A number type's possible lengths (when it lists any) and pattern both admit the number. */
  private boolean matches(String national, PhoneNumberDesc desc) {
    List<Integer> lengths = desc.getPossibleLengthList();
    if (!lengths.isEmpty() && !lengths.contains(national.length())) {
      return false;
    }
    return matchesPattern(national, desc);
  }

  private boolean matchesPattern(String national, PhoneNumberDesc desc) {
    String regex = desc.getNationalNumberPattern();
    return !regex.isEmpty() && pattern(regex).matcher(national).matches();
  }

  private PhoneMetadata metadataFor(int callingCode, String region) {
    return NON_GEOGRAPHIC.equals(region)
        ? metadata.getMetadataForNonGeographicalRegion(callingCode)
        : metadata.getMetadataForRegion(region);
  }

  private Pattern pattern(String regex) {
    Pattern compiled = patterns.get(regex);
    if (compiled == null) {
      compiled = Pattern.compile(regex);
      patterns.put(regex, compiled);
    }
    return compiled;
  }
}

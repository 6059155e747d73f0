package dev.cognitowa.otp.sender.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link NumberMetadata} gives {@code PhoneNumberUtil}'s answers for E.164 input: the same numbers
 * refused as unparseable, the same ones valid, the same region, the same number type ({@code
 * getNumberType}, which the SMS channels' pumping guard reads) and the same E.164 form. Inputs:
 * every region's and non-geographic entity's example number of every type, each also with the
 * region's national prefix written after the calling code, one digit more and one less, and random
 * digits after every calling code (fixed seed).
 */
class NumberMetadataTest {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final NumberMetadata NUMBERS = new NumberMetadata();

  /** What libphonenumber says of "+" + digits, in the form NumberMetadata answers. */
  private static String expected(String digits) {
    try {
      PhoneNumber number = UTIL.parse("+" + digits, null);
      String region = UTIL.getRegionCodeForNumber(number);
      boolean valid = UTIL.isValidNumber(number);
      return UTIL.format(number, PhoneNumberFormat.E164)
          + " "
          + (valid ? region : "invalid")
          + " "
          + UTIL.getNumberType(number);
    } catch (NumberParseException e) {
      return "unparseable";
    }
  }

  private static String actual(String digits) {
    NumberMetadata.Parsed parsed = NUMBERS.parse(digits);
    if (parsed == null) {
      return "unparseable";
    }
    return parsed.e164()
        + " "
        + (parsed.valid() ? parsed.region() : "invalid")
        + " "
        + parsed.type().name();
  }

  /** Every input on which the two disagree, with both answers. */
  private static List<String> differences(Iterable<String> inputs) {
    List<String> differences = new ArrayList<>();
    for (String digits : inputs) {
      if (!expected(digits).equals(actual(digits))) {
        differences.add(
            digits + ": libphonenumber " + expected(digits) + ", ours " + actual(digits));
      }
    }
    return differences;
  }

  private static Set<String> exampleDigits() {
    Set<String> digits = new LinkedHashSet<>();
    List<PhoneNumber> examples = new ArrayList<>();
    for (String region : UTIL.getSupportedRegions()) {
      for (PhoneNumberType type : PhoneNumberType.values()) {
        PhoneNumber example = UTIL.getExampleNumberForType(region, type);
        if (example != null) {
          examples.add(example);
        }
      }
      String prefix = UTIL.getNddPrefixForRegion(region, true);
      PhoneNumber example = UTIL.getExampleNumber(region);
      if (example != null && prefix != null) {
        digits.add(example.getCountryCode() + prefix + UTIL.getNationalSignificantNumber(example));
      }
    }
    for (int callingCode : UTIL.getSupportedGlobalNetworkCallingCodes()) {
      PhoneNumber example = UTIL.getExampleNumberForNonGeoEntity(callingCode);
      if (example != null) {
        examples.add(example);
      }
    }
    for (PhoneNumber example : examples) {
      String e164 = UTIL.format(example, PhoneNumberFormat.E164).substring(1);
      digits.add(e164);
      digits.add(e164 + "7");
      digits.add(e164.substring(0, e164.length() - 1));
    }
    return digits;
  }

  @Test
  void parse_shouldAnswerAsPhoneNumberUtil_forEveryExampleNumberAndItsVariants() {
    // given
    Set<String> inputs = exampleDigits();
    assertThat(inputs).hasSizeGreaterThan(3_000);

    // when / then
    assertThat(differences(inputs)).isEmpty();
  }

  @Test
  void parse_shouldNameTheTypeAsPhoneNumberUtil_forEveryRegionsExampleOfEveryType() {
    // given: each region's and non-geographic entity's example number of each type
    Map<PhoneNumberType, Integer> seen = new EnumMap<>(PhoneNumberType.class);
    List<String> differences = new ArrayList<>();
    List<PhoneNumber> examples = new ArrayList<>();
    for (String region : UTIL.getSupportedRegions()) {
      for (PhoneNumberType type : PhoneNumberType.values()) {
        Optional.ofNullable(UTIL.getExampleNumberForType(region, type)).ifPresent(examples::add);
      }
    }
    for (int callingCode : UTIL.getSupportedGlobalNetworkCallingCodes()) {
      Optional.ofNullable(UTIL.getExampleNumberForNonGeoEntity(callingCode))
          .ifPresent(examples::add);
    }

    // when
    for (PhoneNumber example : examples) {
      String digits = UTIL.format(example, PhoneNumberFormat.E164).substring(1);
      PhoneNumberType expected = UTIL.getNumberType(example);
      NumberMetadata.Parsed parsed = NUMBERS.parse(digits);
      seen.merge(expected, 1, Integer::sum);
      if (parsed == null || !parsed.type().name().equals(expected.name())) {
        differences.add(
            UTIL.getRegionCodeForNumber(example)
                + " example of "
                + expected
                + ": ours "
                + (parsed == null ? "unparseable" : parsed.type()));
      }
    }

    // then: every type libphonenumber knows (but UNKNOWN, which no example is) was met, each
    // under the same name as ours, the paid ones many times
    assertThat(differences).isEmpty();
    assertThat(Arrays.stream(NumberType.values()).map(Enum::name))
        .containsExactlyElementsOf(
            Arrays.stream(PhoneNumberType.values()).map(Enum::name).toList());
    assertThat(seen).hasSize(PhoneNumberType.values().length - 1);
    assertThat(seen.get(PhoneNumberType.PREMIUM_RATE)).isGreaterThan(100);
    assertThat(seen.get(PhoneNumberType.SHARED_COST)).isGreaterThan(20);
    assertThat(seen.get(PhoneNumberType.TOLL_FREE)).isGreaterThan(100);
    assertThat(seen.get(PhoneNumberType.VOIP)).isGreaterThan(20);
  }

  @Test
  void parse_shouldAnswerAsPhoneNumberUtil_forRandomDigitsAfterEveryCallingCode() {
    // given
    Random random = new Random(20261202L);
    List<String> inputs = new ArrayList<>();
    for (int callingCode : UTIL.getSupportedCallingCodes()) {
      for (int i = 0; i < 40; i++) {
        StringBuilder digits = new StringBuilder().append(callingCode);
        int length = 7 + random.nextInt(9 - String.valueOf(callingCode).length());
        for (int d = 0; d < length; d++) {
          digits.append((char) ('0' + random.nextInt(10)));
        }
        inputs.add(digits.toString());
      }
    }
    for (int i = 0; i < 2_000; i++) { // calling codes that do not exist, too
      inputs.add(String.valueOf(1 + random.nextInt(9)) + (1_000_000L + random.nextInt(99_000_000)));
    }

    // when / then
    assertThat(differences(inputs)).isEmpty();
    assertThat(inputs).hasSizeGreaterThan(10_000);
  }

  @Test
  void parse_shouldNameTheTerritory_whenRegionsShareACallingCode() {
    // given / when / then: +1 876 is Jamaica, +44 7911 12 is Guernsey, +44 20 London
    assertThat(NUMBERS.parse("18765550123").region()).isEqualTo("JM");
    assertThat(NUMBERS.parse("447911123456").region()).isEqualTo("GG");
    assertThat(NUMBERS.parse("442079460958").region()).isEqualTo("GB");
    assertThat(NUMBERS.parse("80012345678").region()).isEqualTo(NumberMetadata.NON_GEOGRAPHIC);
  }

  @Test
  void parse_shouldRemoveANationalPrefixWrittenAfterTheCallingCode_asLibphonenumberDoes() {
    // given / when
    NumberMetadata.Parsed parsed = NUMBERS.parse("4407911123456");

    // then
    assertThat(parsed.e164()).isEqualTo("+447911123456");
    assertThat(parsed.valid()).isTrue();
  }
}

package dev.cognitowa.otp.cli.templates;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the authentication template is made: its expiry line, its OTP button and how long WhatsApp
 * keeps trying to deliver it. Built with {@link #validated}, which lists every problem at once.
 *
 * <p>Shapes and limits from Meta's "Authentication templates" guide
 * (https://developers.facebook.com/docs/whatsapp/business-management-api/authentication-templates)
 * and "Configure message time-to-live"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/time-to-live).
 *
 * @param securityRecommendation adds Meta's fixed "For your security, do not share this code."
 * @param codeExpiration the footer's "This code expires in N minutes."
 * @param messageTtl {@code message_send_ttl_seconds}: undelivered after this, WhatsApp drops it
 * @param otpType the button
 * @param apps the Android apps of a one-tap or zero-tap button
 * @param zeroTapTermsAccepted the operator accepted Meta's zero-tap terms
 */
public record AuthenticationOptions(
    boolean securityRecommendation,
    Duration codeExpiration,
    Duration messageTtl,
    OtpType otpType,
    List<SupportedApp> apps,
    boolean zeroTapTermsAccepted) {

  /** Meta accepts {@code code_expiration_minutes} from 1 to 90. */
  public static final int MAX_CODE_EXPIRATION_MINUTES = 90;

  /** Meta's shortest time-to-live for authentication templates. */
  public static final Duration MIN_MESSAGE_TTL = Duration.ofSeconds(30);

  /** Meta's longest time-to-live for authentication templates (15 minutes). */
  public static final Duration MAX_MESSAGE_TTL = Duration.ofMinutes(15);

  /**
   * Meta's default and example (10 minutes): long enough to type a code, short enough to matter.
   */
  public static final int DEFAULT_CODE_EXPIRATION_MINUTES = 10;

  /** Android package names: dot-separated segments each starting with a letter. */
  private static final Pattern PACKAGE_NAME =
      Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)+");

  /**
   * The app signing key hash is 11 base64 characters (Android's SMS Retriever hash); Meta's own
   * example URL-encodes its '/' as %2F, so that form is accepted too.
   */
  private static final Pattern SIGNATURE_HASH =
      Pattern.compile("([A-Za-z0-9+/]|%2[Ff]|%2[Bb]){11}");

  /** The OTP button of an authentication template. */
  public enum OtpType {
    /** "Copy code": works on every device; the default. */
    COPY_CODE,
    /** "Autofill": Android only, the app's package and signature hash required. */
    ONE_TAP,
    /** No button: WhatsApp hands the code to the Android app directly; Meta's terms apply. */
    ZERO_TAP
  }

  /**
   * One Android app a one-tap or zero-tap button hands the code to.
   *
   * @param packageName e.g. {@code com.example.app}
   * @param signatureHash the app signing key hash
   */
  public record SupportedApp(String packageName, String signatureHash) {}

  public AuthenticationOptions {
    apps = List.copyOf(apps);
  }

  /**
   * Checks the options together, as {@code otp templates create} received them.
   *
   * @param expirationMinutes 1..90
   * @param ttlSeconds null: as long as the code is useful (capped at Meta's 15 minutes)
   * @throws IllegalArgumentException listing every problem, joined by "; "
   */
  public static AuthenticationOptions validated(
      boolean securityRecommendation,
      int expirationMinutes,
      Integer ttlSeconds,
      OtpType otpType,
      List<String> packageNames,
      List<String> signatureHashes,
      boolean zeroTapTermsAccepted) {
    List<String> problems = new ArrayList<>();
    if (expirationMinutes < 1 || expirationMinutes > MAX_CODE_EXPIRATION_MINUTES) {
      problems.add(
          "--code-expiration-minutes must be 1.."
              + MAX_CODE_EXPIRATION_MINUTES
              + ", was "
              + expirationMinutes);
      expirationMinutes = DEFAULT_CODE_EXPIRATION_MINUTES;
    }
    Duration expiration = Duration.ofMinutes(expirationMinutes);
    Duration ttl =
        ttlSeconds == null
            ? (expiration.compareTo(MAX_MESSAGE_TTL) < 0 ? expiration : MAX_MESSAGE_TTL)
            : Duration.ofSeconds(ttlSeconds);
    if (ttl.compareTo(MIN_MESSAGE_TTL) < 0 || ttl.compareTo(MAX_MESSAGE_TTL) > 0) {
      problems.add(
          "--message-ttl-seconds must be "
              + MIN_MESSAGE_TTL.toSeconds()
              + ".."
              + MAX_MESSAGE_TTL.toSeconds()
              + " (Meta's range for authentication templates)");
    } else if (ttl.compareTo(expiration) > 0) {
      problems.add(
          "--message-ttl-seconds must not exceed the code's expiry ("
              + expiration.toSeconds()
              + " s): a code delivered after it expires is useless, as Meta warns");
    }
    List<SupportedApp> apps = new ArrayList<>();
    if (packageNames.size() != signatureHashes.size()) {
      problems.add("give one --signature-hash per --package-name, in the same order");
    } else {
      for (int i = 0; i < packageNames.size(); i++) {
        String name = packageNames.get(i);
        String hash = signatureHashes.get(i);
        if (!PACKAGE_NAME.matcher(name).matches()) {
          problems.add("--package-name must be an Android package name such as com.example.app");
        }
        if (!SIGNATURE_HASH.matcher(hash).matches()) {
          problems.add("--signature-hash must be the app's 11-character signing key hash");
        }
        apps.add(new SupportedApp(name, hash));
      }
    }
    if (otpType == OtpType.COPY_CODE && !apps.isEmpty()) {
      problems.add("--package-name is for --otp-type one_tap or zero_tap only");
    }
    if (otpType != OtpType.COPY_CODE && apps.isEmpty()) {
      problems.add(
          "--otp-type "
              + otpType.name().toLowerCase(java.util.Locale.ROOT)
              + " needs the Android app: --package-name and --signature-hash");
    }
    if (otpType == OtpType.ZERO_TAP && !zeroTapTermsAccepted) {
      problems.add(
          "--otp-type zero_tap needs --accept-zero-tap-terms: Meta requires that you accept its"
              + " zero-tap terms (read them in the zero-tap authentication templates guide)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new AuthenticationOptions(
        securityRecommendation, expiration, ttl, otpType, apps, zeroTapTermsAccepted);
  }
}

package dev.cognitowa.otp.sender.testutils;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test of the suite (JUnit extension auto-detection): captures everything
 * written to stdout and stderr during each test, where the handler's log lines, the CLI's echoed
 * output and any stray logger end up, and fails the test if a secret used by the suite appears in
 * it.
 *
 * <p>The secrets are found, not listed by hand: every {@code static final String} of the test class
 * (and its enclosing classes) whose name says CODE, PASSWORD, TOKEN, SECRET or PHONE (but not an
 * _ID), plus {@link TestSecrets}. Any E.164 number (a '+' and 8 to 15 digits) fails it too, whoever
 * wrote it: masked numbers never match.
 *
 * <p>Provider message ids hide numbers in base64 (Meta's {@code wamid.HBgL...} decodes to a record
 * that begins with the recipient's number), so every base64 or base64url run in the output is
 * decoded too, at each of its four alignments, and fails the test when it holds a secret or a run
 * of 8 to 15 digits: a number's digits.
 */
public final class NoSecretsInOutputExtension implements BeforeEachCallback, AfterEachCallback {
  private static final Pattern WHOLE_PHONE_NUMBER = Pattern.compile("\\+[1-9][0-9]{7,14}(?![0-9])");
  private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/_-]{12,}");
  private static final Pattern DIGITS_OF_A_NUMBER =
      Pattern.compile("(?<![0-9])[0-9]{8,15}(?![0-9])");
  private static final Pattern SECRET_NAME =
      Pattern.compile(".*(CODE|PASSWORD|TOKEN|SECRET|PHONE).*");

  /**
   * Shorter values (a "1", "true") would match by chance; real test secrets are 6 characters or
   * more.
   */
  private static final int MIN_SECRET_LENGTH = 6;

  private static final Capture CAPTURE = Capture.install();

  @Override
  public void beforeEach(ExtensionContext context) {
    CAPTURE.reset();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (context.getTags().contains("prints-secrets-on-purpose")) {
      return;
    }
    String output = CAPTURE.taken();
    Map<String, String> secrets = new LinkedHashMap<>(TestSecrets.all());
    for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
      secrets.putAll(secretsOf(c));
    }
    for (Map.Entry<String, String> secret : secrets.entrySet()) {
      if (output.contains(secret.getValue())) {
        throw new AssertionError(
            "test output contains the value of "
                + secret.getKey()
                + ": a secret reached a log line or printed output");
      }
    }
    String hidden = hiddenInBase64(output, secrets);
    if (hidden != null) {
      throw new AssertionError(
          "test output contains base64 that decodes to "
              + hidden
              + ": a provider message id (a wamid holds the number) or an encoded secret reached"
              + " the output");
    }
    Matcher phone = WHOLE_PHONE_NUMBER.matcher(output);
    if (phone.find()) {
      throw new AssertionError(
          "test output contains a whole phone number ending in "
              + phone.group().substring(phone.group().length() - 2)
              + ": numbers must be masked");
    }
  }

  /**
   * What a base64 run of {@code output} hides, described without the value (a secret's name, or the
   * last two digits of a number); null when nothing.
   */
  static String hiddenInBase64(String output, Map<String, String> secrets) {
    Matcher run = BASE64_RUN.matcher(output);
    while (run.find()) {
      String standard = run.group().replace('-', '+').replace('_', '/');
      for (int skip = 0; skip < 4 && standard.length() - skip >= 8; skip++) {
        String aligned = standard.substring(skip);
        aligned = aligned.substring(0, aligned.length() - aligned.length() % 4);
        String decoded;
        try {
          decoded = new String(Base64.getDecoder().decode(aligned), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
          continue;
        }
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
          if (decoded.contains(secret.getValue())) {
            return "the value of " + secret.getKey();
          }
        }
        Matcher digits = DIGITS_OF_A_NUMBER.matcher(decoded);
        if (digits.find()) {
          return "a number ending in " + digits.group().substring(digits.group().length() - 2);
        }
      }
    }
    return null;
  }

  private static Map<String, String> secretsOf(Class<?> type) {
    Map<String, String> found = new LinkedHashMap<>();
    for (Field field : type.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isStatic(modifiers)
          && Modifier.isFinal(modifiers)
          && field.getType() == String.class
          && SECRET_NAME.matcher(field.getName().toUpperCase(Locale.ROOT)).matches()
          && !field.getName().toUpperCase(Locale.ROOT).endsWith("_ID")) {
        try {
          field.setAccessible(true);
          String value = (String) field.get(null);
          if (value != null && value.length() >= MIN_SECRET_LENGTH) {
            found.put(type.getSimpleName() + "." + field.getName(), value);
          }
        } catch (ReflectiveOperationException | RuntimeException e) {
          // a field we cannot read is not one a test could have printed through us
        }
      }
    }
    return found;
  }

  /** Tees System.out and System.err into a buffer, once per JVM. */
  private static final class Capture {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    static Capture install() {
      Capture capture = new Capture();
      System.setOut(capture.tee(System.out));
      System.setErr(capture.tee(System.err));
      return capture;
    }

    private PrintStream tee(PrintStream original) {
      return new PrintStream(
          new OutputStream() {
            @Override
            public void write(int b) {
              synchronized (buffer) {
                buffer.write(b);
              }
              original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
              synchronized (buffer) {
                buffer.write(b, off, len);
              }
              original.write(b, off, len);
            }

            @Override
            public void flush() {
              original.flush();
            }
          },
          true,
          StandardCharsets.UTF_8);
    }

    void reset() {
      synchronized (buffer) {
        buffer.reset();
      }
    }

    String taken() {
      System.out.flush();
      System.err.flush();
      synchronized (buffer) {
        String text = buffer.toString(StandardCharsets.UTF_8);
        buffer.reset();
        return text;
      }
    }
  }
}

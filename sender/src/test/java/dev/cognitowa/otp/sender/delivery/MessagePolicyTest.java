package dev.cognitowa.otp.sender.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.event.InvalidEventException;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.phone.Recipient;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessagePolicyTest {
  private static final Recipient RECIPIENT = Recipient.ofValidatedE164(TestSecrets.PHONE);
  private static final MessagePolicy POLICY = new MessagePolicy(templates());

  private static Map<TriggerSource, TemplateRef> templates() {
    Map<TriggerSource, TemplateRef> templates = new EnumMap<>(TriggerSource.class);
    for (TriggerSource source : TriggerSource.values()) {
      templates.put(
          source,
          source.carriesTemporaryPassword()
              ? new TemplateRef("temporary_password", "en_US")
              : new TemplateRef("otp_" + source.name().toLowerCase(Locale.ROOT), "en_US"));
    }
    return templates;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = TriggerSource.class,
      names = "ADMIN_CREATE_USER",
      mode = EnumSource.Mode.EXCLUDE)
  void messageFor_shouldPutCodeInBodyAndButton_whenSourceCarriesACode(TriggerSource source) {
    // when
    OtpMessage message =
        POLICY.messageFor(source, RECIPIENT, "maria", Sensitive.of(TestSecrets.CODE));

    // then
    assertThat(message.template())
        .isEqualTo(new TemplateRef("otp_" + source.name().toLowerCase(Locale.ROOT), "en_US"));
    assertThat(message.bodyParameters())
        .extracting(Sensitive::reveal)
        .containsExactly(TestSecrets.CODE);
    assertThat(message.urlButtonParameter()).map(Sensitive::reveal).contains(TestSecrets.CODE);
    assertThat(message.recipient()).isEqualTo(RECIPIENT);
  }

  @Test
  void messageFor_shouldSendUserNameAndUnescapedPassword_whenAdminCreatesUser() {
    // when
    OtpMessage message =
        POLICY.messageFor(
            TriggerSource.ADMIN_CREATE_USER,
            RECIPIENT,
            "maria",
            Sensitive.of(TestSecrets.TEMPORARY_PASSWORD_ESCAPED));

    // then
    assertThat(message.template()).isEqualTo(new TemplateRef("temporary_password", "en_US"));
    assertThat(message.bodyParameters())
        .extracting(Sensitive::reveal)
        .containsExactly("maria", TestSecrets.TEMPORARY_PASSWORD);
    assertThat(message.urlButtonParameter()).isEmpty();
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"", "1234567890123456", "12 34", "12\n34"})
  void messageFor_shouldRefuse_whenCodeDoesNotFitAnAuthenticationTemplate(String code) {
    // when / then
    assertThatThrownBy(
            () -> POLICY.messageFor(TriggerSource.SIGN_UP, RECIPIENT, "maria", Sensitive.of(code)))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("decrypted code must be 1..15 printable characters");
  }

  @Test
  void messageFor_shouldAcceptFifteenCharacters_whenCodeIsAtTheLimit() {
    // when
    OtpMessage message =
        POLICY.messageFor(
            TriggerSource.AUTHENTICATION, RECIPIENT, "maria", Sensitive.of("ABCDEFGHIJKLMNO"));

    // then
    assertThat(message.bodyParameters()).hasSize(1);
  }

  @Test
  void constructor_shouldRefuse_whenATriggerSourceHasNoTemplate() {
    // given
    Map<TriggerSource, TemplateRef> partial = new EnumMap<>(templates());
    partial.remove(TriggerSource.RESEND_CODE);

    // when / then
    assertThatThrownBy(() -> new MessagePolicy(partial))
        .hasMessage("no template for CustomSMSSender_ResendCode");
  }

  @Test
  void toString_shouldNotShowTheCode_whenAMessageIsPrinted() {
    // when
    OtpMessage message =
        POLICY.messageFor(
            TriggerSource.SIGN_UP, RECIPIENT, "maria", Sensitive.of(TestSecrets.CODE));

    // then
    assertThat(message.toString())
        .doesNotContain(TestSecrets.CODE, TestSecrets.PHONE_DIGITS)
        .contains("<redacted>");
  }
}

package dev.cognitowa.otp.sender.sms;

import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.delivery.TemplateRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.phone.Recipient;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.util.List;
import java.util.Optional;

/** Messages as the message policy builds them, for the SMS tests. */
final class SmsMessages {
  static final String USER_NAME = "jane.doe";

  private SmsMessages() {}

  static OtpMessage code(TriggerSource source) {
    return new OtpMessage(
        source,
        Recipient.ofValidatedE164(TestSecrets.PHONE),
        new TemplateRef("otp_code", "en_US"),
        List.of(Sensitive.of(TestSecrets.CODE)),
        Optional.of(Sensitive.of(TestSecrets.CODE)));
  }

  static OtpMessage temporaryPassword() {
    return new OtpMessage(
        TriggerSource.ADMIN_CREATE_USER,
        Recipient.ofValidatedE164(TestSecrets.PHONE),
        new TemplateRef("welcome", "en_US"),
        List.of(Sensitive.of(USER_NAME), Sensitive.of(TestSecrets.TEMPORARY_PASSWORD)),
        Optional.empty());
  }
}

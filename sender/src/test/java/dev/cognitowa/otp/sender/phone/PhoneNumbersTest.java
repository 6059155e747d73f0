package dev.cognitowa.otp.sender.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitowa.otp.sender.event.InvalidEventException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "+447911123456",
        "+5511955501234",
        "+919855501234",
        "+233205550123",
        "+14155550123",
        "+4915123456789",
        "+6281234567890",
        "+525512345678",
        "+33612345678",
        "+61412345678"
      })
  void parse_shouldAcceptTheNumber_whenItIsValidE164(String number) {
    // when
    Recipient recipient = PhoneNumbers.parse(number);

    // then
    assertThat(recipient.e164()).isEqualTo(number);
    assertThat(recipient.toString())
        .isEqualTo(recipient.masked())
        .endsWith(number.substring(number.length() - 4))
        .doesNotContain(number.substring(1, number.length() - 4));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "447911123456 | not an E.164 number",
        "+44 7911 123456 | not an E.164 number",
        "+44-7911-123456 | not an E.164 number",
        "`+447911123456 ` | not an E.164 number",
        "+0447911123456 | not an E.164 number",
        "+1234567 | not an E.164 number",
        "+4479111234567890 | not an E.164 number",
        "+44791112345a | not an E.164 number",
        "+447700900123 | not a valid number for its country",
        "+999123456789 | not a valid E.164 number",
        "+4412 | not an E.164 number",
      })
  void parse_shouldRefuseWithTheNumberMasked_whenItIsNotValidE164(String number, String reason) {
    // when / then
    assertThatThrownBy(() -> PhoneNumbers.parse(number))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining(reason)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain(number.strip())
                    .doesNotContainPattern("[0-9]{5,}"));
  }
}

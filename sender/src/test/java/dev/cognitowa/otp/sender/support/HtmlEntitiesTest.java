package dev.cognitowa.otp.sender.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlEntitiesTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "Tmp&lt;9x&amp;Q2 | Tmp<9x&Q2",
        "&gt;&gt; | >>",
        "a&quot;b&#39;c&apos;d | a\"b'c'd",
        "&#x41;&#66; | AB",
        "plain | plain",
        "&amp;lt; | &lt;",
        "&unknown; | &unknown;",
        "trailing & | trailing &",
        "&#xZZ; | &#xZZ;",
        "&#1114112; | &#1114112;",
        "& lt; | & lt;",
      })
  void unescape_shouldDecodeOnce_whenCognitoEscapedThePassword(String escaped, String expected) {
    // when / then
    assertThat(HtmlEntities.unescape(escaped)).isEqualTo(expected);
  }
}

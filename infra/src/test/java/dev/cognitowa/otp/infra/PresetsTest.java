package dev.cognitowa.otp.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The README's two presets (infra/presets/*.json, merged into cdk.json's context) synthesize as the
 * README says: WhatsApp alone with one function, WhatsApp then SMS with the status function.
 */
class PresetsTest {
  private static final Pattern FLAT_PAIR = Pattern.compile("\"([A-Za-z.]+)\":\\s*\"([^\"]*)\"");

  /** The preset's keys: a flat JSON object of strings, as the README shows it. */
  private static Map<String, Object> preset(String file) throws IOException {
    Map<String, Object> keys = new HashMap<>();
    Matcher pair = FLAT_PAIR.matcher(Files.readString(Path.of("presets", file)));
    while (pair.find()) {
      keys.put(pair.group(1), pair.group(2));
    }
    return keys;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"whatsapp-only.json, 2, 1", "whatsapp-then-sms.json, 3, 2"})
  void preset_shouldSynthesize_whenMergedIntoCdkJson(String file, int functions, int channels)
      throws IOException {
    // given
    Map<String, Object> context = new HashMap<>(CdkJson.context(CdkJson.DEFAULT));
    context.putAll(preset(file));
    App app = App.Builder.create().context(context).build();

    // when
    OtpStackConfig config = OtpStackConfig.fromContext(context::get);
    Template template =
        Template.fromStack(new OtpStack(app, "Preset", StackProps.builder().build(), config, null));

    // then
    assertThat(config.channels()).hasSize(channels);
    template.resourceCountIs("AWS::Lambda::Function", functions);
    template.resourceCountIs("AWS::Cognito::UserPool", 1);
  }
}

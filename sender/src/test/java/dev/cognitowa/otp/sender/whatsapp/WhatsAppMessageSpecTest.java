package dev.cognitowa.otp.sender.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.delivery.TemplateRef;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.phone.Recipient;
import dev.cognitowa.otp.sender.support.Sensitive;
import dev.cognitowa.otp.sender.testutils.TestSecrets;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our request body checked against Meta's own OpenAPI description of {@code POST
 * /{Version}/{Phone-Number-ID}/messages} (business-messaging-api v23.0, kept verbatim in test
 * resources): every property we send must be defined there with the spec's type, enum and pattern,
 * and every required property must be present, except for two documented quirks of the spec that
 * Meta's own examples contradict (see {@link #KNOWN_SPEC_QUIRKS}).
 */
class WhatsAppMessageSpecTest {
  /**
   * Where the spec disagrees with Meta's documented and working requests: the button {@code index}
   * pattern {@code ^[2-6, 11-14]$} rejects "0", and {@code language.policy} is marked required
   * though every send example omits it. Each is skipped at exactly that path; the test fails if a
   * quirk disappears from the spec.
   */
  static final Set<String> KNOWN_SPEC_QUIRKS =
      Set.of("pattern $.template.components[1].index", "required $.template.language.policy");

  private static JsonNode spec;
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void loadSpec() throws Exception {
    try (InputStream in =
        WhatsAppMessageSpecTest.class.getResourceAsStream(
            "/whatsapp/meta-business-messaging-api_v23.0.yaml")) {
      spec = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }

  private static OtpMessage authenticationMessage() {
    return new OtpMessage(
        TriggerSource.SIGN_UP,
        Recipient.ofValidatedE164(TestSecrets.PHONE),
        new TemplateRef("otp_code", "en_US"),
        List.of(Sensitive.of(TestSecrets.CODE)),
        Optional.of(Sensitive.of(TestSecrets.CODE)));
  }

  @Test
  void toJsonBytes_shouldMatchMetasSpec_whenSendingAnAuthenticationTemplate() throws Exception {
    // given
    JsonNode body = JSON.readTree(WhatsAppMessage.from(authenticationMessage()).toJsonBytes());

    // when
    List<String> problems = new ArrayList<>();
    check(schema("TemplateMessage"), body, "$", problems);

    // then
    assertThat(problems)
        .containsExactlyInAnyOrderElementsOf(
            KNOWN_SPEC_QUIRKS.stream().map(q -> q + ": known spec quirk").toList());
  }

  @Test
  void toJsonBytes_shouldMatchMetasSpec_whenSendingTheTemporaryPasswordTemplate() throws Exception {
    // given
    OtpMessage message =
        new OtpMessage(
            TriggerSource.ADMIN_CREATE_USER,
            Recipient.ofValidatedE164(TestSecrets.PHONE),
            new TemplateRef("temporary_password", "en_US"),
            List.of(Sensitive.of("maria"), Sensitive.of(TestSecrets.TEMPORARY_PASSWORD)),
            Optional.empty());
    JsonNode body = JSON.readTree(WhatsAppMessage.from(message).toJsonBytes());

    // when
    List<String> problems = new ArrayList<>();
    check(schema("TemplateMessage"), body, "$", problems);

    // then
    assertThat(problems).containsExactly("required $.template.language.policy: known spec quirk");
  }

  @Test
  void toJsonBytes_shouldEqualMetasDocumentedExample_whenShapesAreCompared() throws Exception {
    // given: the copy-code example from Meta's docs, with its number and code
    JsonNode example;
    try (InputStream in =
        getClass().getResourceAsStream("/whatsapp/whatsapp-auth-template-send-examples.json")) {
      example = JSON.readTree(in).at("/meta_cloud_api/request_authentication_template_copy_code");
    }
    OtpMessage ours =
        new OtpMessage(
            TriggerSource.AUTHENTICATION,
            Recipient.ofValidatedE164("+" + example.get("to").asText()),
            new TemplateRef("otp_code", "en_US"),
            List.of(Sensitive.of("123456")),
            Optional.of(Sensitive.of("123456")));

    // when
    JsonNode body = JSON.readTree(WhatsAppMessage.from(ours).toJsonBytes());

    // then: identical but for the '+' we keep on the E.164 number (Meta accepts both forms)
    ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("to", example.get("to").asText());
    assertThat(body).isEqualTo(example);
  }

  @Test
  void toString_shouldNotShowTheBody_whenLogged() {
    // when / then
    assertThat(WhatsAppMessage.from(authenticationMessage()).toString())
        .doesNotContain(TestSecrets.CODE, TestSecrets.PHONE_DIGITS);
  }

  private static JsonNode schema(String name) {
    return spec.at("/components/schemas/" + name);
  }

  private static JsonNode resolve(JsonNode schema) {
    while (schema.has("$ref")) {
      schema = spec.at(schema.get("$ref").asText().substring(1));
    }
    return schema;
  }

  /** Flattens allOf into one view: the union of properties and required names. */
  private static void collect(
      JsonNode schema, Map<String, List<JsonNode>> properties, Set<String> required) {
    schema = resolve(schema);
    for (JsonNode part : schema.path("allOf")) {
      collect(part, properties, required);
    }
    schema.path("required").forEach(r -> required.add(r.asText()));
    for (Map.Entry<String, JsonNode> field : schema.path("properties").properties()) {
      properties.computeIfAbsent(field.getKey(), k -> new ArrayList<>()).add(field.getValue());
    }
  }

  private static void check(JsonNode schema, JsonNode value, String path, List<String> problems) {
    schema = resolve(schema);
    JsonNode discriminator = schema.path("discriminator");
    if (!discriminator.isMissingNode() && value.isObject()) {
      String key = value.path(discriminator.get("propertyName").asText()).asText();
      JsonNode target = discriminator.path("mapping").path(key);
      if (target.isMissingNode()) {
        problems.add("discriminator " + path + ": no mapping for '" + key + "'");
        return;
      }
      schema = resolve(spec.at(target.asText().substring(1)));
    }
    if (value.isObject()) {
      Map<String, List<JsonNode>> properties = new java.util.LinkedHashMap<>();
      Set<String> required = new java.util.TreeSet<>();
      collect(schema, properties, required);
      for (String name : required) {
        if (!value.has(name)) {
          report(problems, "required " + path + "." + name);
        }
      }
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        List<JsonNode> definitions = properties.get(field.getKey());
        if (definitions == null) {
          problems.add("undefined " + path + "." + field.getKey());
          continue;
        }
        for (JsonNode definition : definitions) {
          check(definition, field.getValue(), path + "." + field.getKey(), problems);
        }
      }
    } else if (value.isArray()) {
      JsonNode items = schema.path("items");
      for (int i = 0; i < value.size(); i++) {
        if (!items.isMissingNode()) {
          check(items, value.get(i), path + "[" + i + "]", problems);
        }
      }
    } else {
      checkScalar(schema, value, path, problems);
    }
  }

  private static void checkScalar(
      JsonNode schema, JsonNode value, String path, List<String> problems) {
    String type = schema.path("type").asText("");
    if ("string".equals(type) && !value.isTextual()) {
      problems.add("type " + path + ": expected string");
    }
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode option : schema.get("enum")) {
        listed |= option.asText().equals(value.asText());
      }
      if (!listed) {
        problems.add("enum " + path + ": '" + value.asText() + "' not in " + schema.get("enum"));
      }
    }
    if (schema.has("pattern")
        && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
      report(problems, "pattern " + path);
    }
  }

  /**
   * Adds a problem once: allOf can define the same property twice (TemplateComponent and
   * ButtonComponent).
   */
  private static void report(List<String> problems, String problem) {
    String entry = KNOWN_SPEC_QUIRKS.contains(problem) ? problem + ": known spec quirk" : problem;
    if (!problems.contains(entry)) {
      problems.add(entry);
    }
  }
}

package dev.cognitowa.otp.cli.local;

import java.util.List;
import java.util.Map;

/** The checks the stand-in makes on a template message, in the order Graph reports them. */
final class TemplateCheck {
  private TemplateCheck() {}

  /** Null when the message is acceptable, else the problem. */
  static String problem(Map<String, Object> message) {
    if (!"whatsapp".equals(message.get("messaging_product"))
        || !"template".equals(message.get("type"))) {
      return "messaging_product must be whatsapp and type template";
    }
    if (!(message.get("to") instanceof String to) || !to.matches("\\+?[1-9][0-9]{6,14}")) {
      return "to must be a phone number";
    }
    if (!(message.get("template") instanceof Map<?, ?> template)) {
      return "template is missing";
    }
    LocalCloudApi.TemplateText text = text(template);
    if (text == null) {
      return "template name does not exist in the translation";
    }
    List<?> components = template.get("components") instanceof List<?> list ? list : List.of();
    int bodyParameters = 0;
    boolean button = false;
    for (Object component : components) {
      Map<?, ?> c = (Map<?, ?>) component;
      List<?> parameters = c.get("parameters") instanceof List<?> p ? p : List.of();
      if ("body".equals(c.get("type"))) {
        bodyParameters += parameters.size();
      } else if ("button".equals(c.get("type"))) {
        button =
            "url".equals(c.get("sub_type")) && "0".equals(c.get("index")) && parameters.size() == 1;
      }
    }
    if (bodyParameters != text.bodyParameters() || button != (text.button() != null)) {
      return "parameter count does not match the template: expected "
          + text.bodyParameters()
          + " body parameter(s)"
          + (text.button() != null ? " and the url button at index 0" : " and no button");
    }
    return null;
  }

  /** The template's text in the language the message asks for; null when there is none. */
  static LocalCloudApi.TemplateText text(Map<?, ?> template) {
    Object language = template.get("language") instanceof Map<?, ?> l ? l.get("code") : null;
    return LocalCloudApi.template(String.valueOf(template.get("name")), String.valueOf(language));
  }

  /** The body as the phone shows it. */
  static String render(Map<String, Object> message) {
    Map<?, ?> template = (Map<?, ?>) message.get("template");
    String body = text(template).body();
    for (Object component : (List<?>) template.get("components")) {
      Map<?, ?> c = (Map<?, ?>) component;
      if ("body".equals(c.get("type"))) {
        List<?> parameters = (List<?>) c.get("parameters");
        for (int i = 0; i < parameters.size(); i++) {
          body =
              body.replace(
                  "{{" + (i + 1) + "}}",
                  String.valueOf(((Map<?, ?>) parameters.get(i)).get("text")));
        }
      }
    }
    return body;
  }
}

package dev.cognitowa.otp.sender.whatsapp;

import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.support.JsonUtf8Writer;
import dev.cognitowa.otp.sender.support.Sensitive;

/**
 * The Cloud API request body for one template message, exactly as Meta's documentation gives it
 * (checked against its OpenAPI spec by {@code WhatsAppMessageSpecTest}). Holds the code, so {@link
 * #toString()} does not print the body.
 */
public final class WhatsAppMessage {
  private final byte[] json;

  private WhatsAppMessage(byte[] json) {
    this.json = json;
  }

  /**
   * The body for a channel-independent message, written straight to UTF-8 bytes: the code never
   * becomes part of a String.
   */
  public static WhatsAppMessage from(OtpMessage message) {
    JsonUtf8Writer g = new JsonUtf8Writer(384);
    g.startObject()
        .field("messaging_product", "whatsapp")
        .field("recipient_type", "individual")
        .field("to", message.recipient().e164())
        .field("type", "template")
        .name("template")
        .startObject()
        .field("name", message.template().name())
        .name("language")
        .startObject()
        .field("code", message.template().languageCode())
        .endObject()
        .name("components")
        .startArray()
        .startObject()
        .field("type", "body");
    writeTextParameters(g, message.bodyParameters().toArray(new Sensitive[0]));
    g.endObject();
    if (message.urlButtonParameter().isPresent()) {
      g.startObject()
          .field("type", "button")
          .field("sub_type", "url")
          .field("index", "0"); // a string, as Meta's examples send it
      writeTextParameters(g, message.urlButtonParameter().get());
      g.endObject();
    }
    g.endArray().endObject().endObject();
    return new WhatsAppMessage(g.toByteArray());
  }

  private static void writeTextParameters(JsonUtf8Writer g, Sensitive... parameters) {
    g.name("parameters").startArray();
    for (Sensitive parameter : parameters) {
      g.startObject().field("type", "text").field("text", parameter.reveal()).endObject();
    }
    g.endArray();
  }

  /** The UTF-8 JSON body. */
  public byte[] toJsonBytes() {
    return json.clone();
  }

  @Override
  public String toString() {
    return "WhatsAppMessage[" + json.length + " bytes, redacted]";
  }
}

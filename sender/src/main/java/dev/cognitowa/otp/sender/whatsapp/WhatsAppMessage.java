package dev.cognitowa.otp.sender.whatsapp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cognitowa.otp.sender.delivery.OtpMessage;
import dev.cognitowa.otp.sender.support.Sensitive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The Cloud API request body for one template message, exactly as Meta's documentation gives it
 * (checked against its OpenAPI spec by {@code WhatsAppMessageSpecTest}). Holds the code, so {@link
 * #toString()} does not print the body.
 */
public final class WhatsAppMessage {
  private static final JsonFactory JSON = new JsonFactory();
  private final byte[] json;

  private WhatsAppMessage(byte[] json) {
    this.json = json;
  }

  /** The body for a channel-independent message. */
  public static WhatsAppMessage from(OtpMessage message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(384);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("messaging_product", "whatsapp");
      g.writeStringField("recipient_type", "individual");
      g.writeStringField("to", message.recipient().e164());
      g.writeStringField("type", "template");
      g.writeObjectFieldStart("template");
      g.writeStringField("name", message.template().name());
      g.writeObjectFieldStart("language");
      g.writeStringField("code", message.template().languageCode());
      g.writeEndObject();
      g.writeArrayFieldStart("components");
      g.writeStartObject();
      g.writeStringField("type", "body");
      writeTextParameters(g, message.bodyParameters().toArray(new Sensitive[0]));
      g.writeEndObject();
      if (message.urlButtonParameter().isPresent()) {
        g.writeStartObject();
        g.writeStringField("type", "button");
        g.writeStringField("sub_type", "url");
        g.writeStringField("index", "0"); // a string, as Meta's examples send it
        writeTextParameters(g, message.urlButtonParameter().get());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new WhatsAppMessage(out.toByteArray());
  }

  private static void writeTextParameters(JsonGenerator g, Sensitive... parameters)
      throws IOException {
    g.writeArrayFieldStart("parameters");
    for (Sensitive parameter : parameters) {
      g.writeStartObject();
      g.writeStringField("type", "text");
      g.writeStringField("text", parameter.reveal());
      g.writeEndObject();
    }
    g.writeEndArray();
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

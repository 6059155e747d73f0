package dev.cognitowa.otp.sender.delivery;

import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.phone.Recipient;
import dev.cognitowa.otp.sender.support.Sensitive;
import java.util.List;
import java.util.Optional;

/**
 * What to send, independent of the channel: the recipient, the template and its parameters.
 *
 * @param triggerSource why Cognito asked for this message
 * @param recipient validated phone number
 * @param template the template chosen by the message policy
 * @param bodyParameters body text parameters in order ({code} for authentication templates; {user
 *     name, temporary password} for AdminCreateUser)
 * @param urlButtonParameter the parameter of the url button at index "0" (the code, for
 *     authentication templates' copy-code / one-tap button), or empty when the template has no such
 *     button
 * @param appClientId the app client the message is for ({@code callerContext.clientId}), so a
 *     channel may pick that client's text; empty when the event named none
 */
public record OtpMessage(
    TriggerSource triggerSource,
    Recipient recipient,
    TemplateRef template,
    List<Sensitive> bodyParameters,
    Optional<Sensitive> urlButtonParameter,
    Optional<String> appClientId) {

  public OtpMessage {
    bodyParameters = List.copyOf(bodyParameters);
  }

  /** A message for no app client in particular. */
  public OtpMessage(
      TriggerSource triggerSource,
      Recipient recipient,
      TemplateRef template,
      List<Sensitive> bodyParameters,
      Optional<Sensitive> urlButtonParameter) {
    this(triggerSource, recipient, template, bodyParameters, urlButtonParameter, Optional.empty());
  }
}

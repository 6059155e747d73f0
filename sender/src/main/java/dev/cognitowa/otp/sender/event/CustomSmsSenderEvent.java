package dev.cognitowa.otp.sender.event;

import java.util.Map;
import java.util.Optional;

/**
 * The event Cognito sends to a custom SMS sender Lambda, as parsed by {@link
 * CustomSmsSenderEventParser}. Base fields follow aws-lambda-java-events' CognitoUserPoolEvent;
 * {@link Request} is the sender-specific part. The code is still encrypted here: decryption is a
 * separate step. {@link #toString()} redacts: the user name (often a phone number or an e-mail
 * address), the code and every attribute and metadata value stay out of it.
 *
 * @param version event version, e.g. "1"
 * @param triggerSource one of the seven known custom SMS sender sources
 * @param region the pool's region (may be null in hand-written events)
 * @param userPoolId the pool that sent the event
 * @param userName the Cognito user name
 * @param callerContext who asked Cognito for the message; never null ({@link CallerContext#NONE}
 *     when the event has none)
 * @param request the sender request
 */
public record CustomSmsSenderEvent(
    String version,
    TriggerSource triggerSource,
    String region,
    String userPoolId,
    String userName,
    CallerContext callerContext,
    Request request) {

  /** Cognito's only request type for custom SMS senders. */
  public static final String REQUEST_TYPE_V1 = "customSMSSenderRequestV1";

  /**
   * The {@code clientMetadata} key under which an app may name the language it chose for the
   * message (a BCP 47 tag such as {@code pt-BR}, or a WhatsApp code such as {@code pt_BR}).
   */
  public static final String LOCALE_METADATA_KEY = "locale";

  /** The user's own {@code locale} attribute (OIDC's standard claim). */
  public static final String LOCALE_ATTRIBUTE = "locale";

  /** The app client that asked for this message, when Cognito says (never from the console). */
  public Optional<String> appClientId() {
    return Optional.ofNullable(callerContext.clientId());
  }

  @Override
  public String toString() {
    return "CustomSmsSenderEvent[version="
        + version
        + ", triggerSource="
        + triggerSource
        + ", region="
        + region
        + ", userPoolId="
        + userPoolId
        + ", userName=<redacted>, callerContext="
        + callerContext
        + ", request="
        + request
        + "]";
  }

  /**
   * Who asked Cognito for the message, as Cognito's shared trigger parameters say
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html).
   *
   * @param awsSdkVersion the caller's SDK, e.g. {@code aws-sdk-unknown-unknown}; may be null
   * @param clientId the user pool app client's id ({@code [\w+]{1,128}}), or null: Cognito sends
   *     none (or null) when no app client made the request, e.g. an admin call from the console
   */
  public record CallerContext(String awsSdkVersion, String clientId) {
    /** No caller context in the event. */
    public static final CallerContext NONE = new CallerContext(null, null);
  }

  /**
   * The sender-specific part of the event: what to send, and to whom.
   *
   * @param type always {@link #REQUEST_TYPE_V1}
   * @param code base64 AWS Encryption SDK message holding the code or temporary password
   * @param clientMetadata may be empty, never null
   * @param userAttributes attribute values as strings (JSON booleans are turned into
   *     "true"/"false")
   */
  public record Request(
      String type,
      String code,
      Map<String, String> clientMetadata,
      Map<String, String> userAttributes) {

    /** The raw {@code phone_number} attribute, or null. */
    public String phoneNumber() {
      return userAttributes.get("phone_number");
    }

    /** The user's raw {@code locale} attribute, or null: unchecked user text, never logged. */
    public String userLocale() {
      return userAttributes.get(LOCALE_ATTRIBUTE);
    }

    /** The language the app named in {@code clientMetadata.locale}, or null: never logged. */
    public String appLocale() {
      return clientMetadata.get(LOCALE_METADATA_KEY);
    }

    /**
     * Attribute names only, and how many metadata entries: their values may be a number, an
     * address, a secret.
     */
    @Override
    public String toString() {
      return "Request[type="
          + type
          + ", code=<redacted>, clientMetadata=<"
          + clientMetadata.size()
          + " entries>, "
          + "userAttributes="
          + userAttributes.keySet()
          + "]";
    }
  }
}

package dev.cognitowa.otp.sender.event;

import java.util.Map;

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
 * @param request the sender request
 */
public record CustomSmsSenderEvent(
    String version,
    TriggerSource triggerSource,
    String region,
    String userPoolId,
    String userName,
    Request request) {

  /** Cognito's only request type for custom SMS senders. */
  public static final String REQUEST_TYPE_V1 = "customSMSSenderRequestV1";

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
        + ", userName=<redacted>, request="
        + request
        + "]";
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

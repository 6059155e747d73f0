package dev.cognitowa.otp.infra;

/**
 * How the deployed function delivers messages.
 *
 * <p>Only the channels the sender implements are offered: a value here is always deployable. AWS
 * End User Messaging Social ({@code END_USER_MESSAGING_SOCIAL}) joins this enum when the sender
 * supports it, without breaking callers.
 */
public enum MessagingChannel {
  /** Meta's WhatsApp Cloud API over HTTPS, with the access token read from Secrets Manager. */
  CLOUD_API
}

package dev.cognitowa.otp.sender.status;

/**
 * Thrown when a request or event is not one the status function reads: not JSON, not a function URL
 * request, an SNS event or a WhatsApp notification. The message never quotes the payload.
 */
public class StatusPayloadException extends RuntimeException {
  public StatusPayloadException(String message) {
    super(message);
  }
}

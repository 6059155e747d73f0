package dev.cognitowa.otp.sender.event;

/**
 * Thrown when an event is not a custom SMS sender event we can act on; the message never holds a
 * secret.
 */
public class InvalidEventException extends RuntimeException {
  public InvalidEventException(String message) {
    super(message);
  }

  public InvalidEventException(String message, Throwable cause) {
    super(message, cause);
  }
}

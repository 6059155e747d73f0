package dev.cognitowa.otp.attach;

/**
 * Thrown when attach or detach refuses to touch the pool (bad input, another sender or key already
 * set, an unsuitable key, a caller that may not let Cognito grant itself the key); its message is
 * one line naming the problem.
 */
public final class AttachRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AttachRefusedException(String message) {
    super(message);
  }
}

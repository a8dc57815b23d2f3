package dev.ferry.daemon.account;

import java.io.IOException;

/** Wrong password, unknown user, revoked device or an undecryptable key: exit code 5. */
public final class AuthFailure extends IOException {
  private static final long serialVersionUID = 1L;

  public AuthFailure(String message) {
    super(message);
  }

  public AuthFailure(String message, Throwable cause) {
    super(message, cause);
  }
}

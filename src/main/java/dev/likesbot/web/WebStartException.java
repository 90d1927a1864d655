package dev.likesbot.web;

/** The web server cannot start; the message names the setting to change. */
public final class WebStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WebStartException(String message, Throwable cause) {
    super(message, cause);
  }
}

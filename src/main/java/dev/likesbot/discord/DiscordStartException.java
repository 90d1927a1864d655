package dev.likesbot.discord;

/** The bot cannot come up on Discord; the message says what to fix and never holds the token. */
public final class DiscordStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DiscordStartException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.likesbot.fake.discord;

/**
 * An error answer in Discord's JSON shape ({@code {"message", "code"}}). Unexpected errors are
 * caused by a bot bug (or a test mistake) and are also recorded in {@link FakeDiscord#failures()}.
 */
final class DiscordError extends RuntimeException {
  private final int status;
  private final int code;
  private final boolean unexpected;

  private DiscordError(int status, int code, String message, boolean unexpected) {
    super(message);
    this.status = status;
    this.code = code;
    this.unexpected = unexpected;
  }

  /** Real Discord behaviour a correct bot must handle, e.g. closed DMs. */
  static DiscordError expected(int status, int code, String message) {
    return new DiscordError(status, code, message, false);
  }

  /** Something real Discord would also reject, but which means the bot (or test) is wrong. */
  static DiscordError unexpected(int status, int code, String message) {
    return new DiscordError(status, code, message, true);
  }

  int status() {
    return status;
  }

  int code() {
    return code;
  }

  boolean unexpected() {
    return unexpected;
  }
}

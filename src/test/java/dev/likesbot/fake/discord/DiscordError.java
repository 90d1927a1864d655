package dev.likesbot.fake.discord;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An error answer in Discord's JSON shape ({@code {"message", "code"}}). Unexpected errors are
 * caused by a bot bug (or a test mistake) and are also recorded in {@link FakeDiscord#failures()}.
 */
final class DiscordError extends RuntimeException {
  private final int status;
  private final int code;
  private final boolean unexpected;
  private final ObjectNode errors;

  private DiscordError(
      int status, int code, String message, boolean unexpected, ObjectNode errors) {
    super(message);
    this.status = status;
    this.code = code;
    this.unexpected = unexpected;
    this.errors = errors;
  }

  private DiscordError(int status, int code, String message, boolean unexpected) {
    this(status, code, message, unexpected, null);
  }

  /**
   * Discord's answer to a body breaking its limits: 400, code 50035 and the problems nested by
   * field path, {@code {"embeds": {"0": {"title": {"_errors": [{"code", "message"}]}}}}}.
   */
  static DiscordError invalidFormBody(List<MessageRules.Problem> problems) {
    ObjectNode errors = Payloads.object();
    for (MessageRules.Problem problem : problems) {
      ObjectNode at = errors;
      for (String key : problem.path().split("\\.")) {
        at = at.has(key) ? (ObjectNode) at.get(key) : at.putObject(key);
      }
      ArrayNode list = at.has("_errors") ? (ArrayNode) at.get("_errors") : at.putArray("_errors");
      list.addObject().put("code", problem.code()).put("message", problem.message());
    }
    return new DiscordError(400, 50035, "Invalid Form Body", true, errors);
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

  /** The {@code errors} object of an Invalid Form Body answer, or null. */
  ObjectNode errors() {
    return errors;
  }
}

package dev.likesbot.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON body JDA would send for a {@link Reply}, built through {@link JdaMessages} so JDA's own
 * checks run; tests judge it with the fake Discord's MessageRules.
 */
public final class DiscordJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DiscordJson() {}

  /** As a new message (a reply, followup or DM). */
  public static JsonNode create(Reply reply) {
    return parse(JdaMessages.create(reply).toData().toJson());
  }

  /** As an edit of the "thinking…" placeholder or of a clicked message. */
  public static JsonNode edit(Reply reply) {
    return parse(JdaMessages.edit(reply).toData().toJson());
  }

  private static JsonNode parse(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

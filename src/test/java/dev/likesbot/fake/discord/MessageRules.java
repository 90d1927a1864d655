package dev.likesbot.fake.discord;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The message limits Discord enforces server-side; a bot breaking them gets a 400 in production, so
 * the fake rejects them too (and records a failure).
 */
final class MessageRules {
  private static final int MAX_CONTENT = 2000;
  private static final int MAX_EMBEDS = 10;
  private static final int MAX_EMBED_CHARS = 6000;
  private static final int MAX_ROWS = 5;
  private static final int MAX_ROW_CHILDREN = 5;
  private static final int MAX_CUSTOM_ID = 100;
  private static final int MAX_LABEL = 80;
  private static final int FLAG_COMPONENTS_V2 = 1 << 15;
  private static final int LINK_STYLE = 5;

  private MessageRules() {}

  /** A new message must show something. */
  static void checkCreate(JsonNode body, List<Payloads.Upload> files) {
    boolean empty =
        body.path("content").asText("").isEmpty()
            && body.path("embeds").isEmpty()
            && body.path("components").isEmpty()
            && body.path("sticker_ids").isEmpty()
            && body.path("poll").isMissingNode()
            && files.isEmpty();
    if (empty) {
      throw DiscordError.unexpected(400, 50006, "Cannot send an empty message");
    }
    checkEdit(body);
  }

  /** Limits that apply to whatever fields a create or edit sets. */
  static void checkEdit(JsonNode body) {
    if (body.path("content").asText("").length() > MAX_CONTENT) {
      invalid("content: Must be " + MAX_CONTENT + " or fewer in length.");
    }
    JsonNode embeds = body.path("embeds");
    if (embeds.size() > MAX_EMBEDS) {
      invalid("embeds: Must be " + MAX_EMBEDS + " or fewer in length.");
    }
    int embedChars = 0;
    for (JsonNode embed : embeds) {
      embedChars += embed.path("title").asText("").length();
      embedChars += embed.path("description").asText("").length();
      embedChars += embed.path("footer").path("text").asText("").length();
      embedChars += embed.path("author").path("name").asText("").length();
      for (JsonNode field : embed.path("fields")) {
        embedChars += field.path("name").asText("").length();
        embedChars += field.path("value").asText("").length();
      }
    }
    if (embedChars > MAX_EMBED_CHARS) {
      invalid("embeds: Embed size exceeds maximum size of " + MAX_EMBED_CHARS);
    }
    checkComponents(body);
  }

  private static void checkComponents(JsonNode body) {
    JsonNode rows = body.path("components");
    boolean v2 = (body.path("flags").asInt(0) & FLAG_COMPONENTS_V2) != 0;
    if (!v2 && rows.size() > MAX_ROWS) {
      invalid("components: Must be " + MAX_ROWS + " or fewer in length.");
    }
    for (JsonNode row : rows) {
      if (row.path("type").asInt() == 1 && row.path("components").size() > MAX_ROW_CHILDREN) {
        invalid("components: an action row holds at most " + MAX_ROW_CHILDREN + " components");
      }
    }
    List<JsonNode> buttons = new ArrayList<>();
    rows.forEach(row -> Reply.collectButtons(row, buttons));
    Set<String> customIds = new HashSet<>();
    for (JsonNode button : buttons) {
      boolean link = button.path("style").asInt() == LINK_STYLE;
      String customId = button.path("custom_id").asText(null);
      if (link != button.hasNonNull("url") || link == (customId != null)) {
        invalid("components: link buttons need a url, other buttons a custom_id: " + button);
      }
      if (customId != null && (customId.length() > MAX_CUSTOM_ID || !customIds.add(customId))) {
        invalid("components: custom_id too long or duplicated: " + customId);
      }
      if (button.path("label").asText("").length() > MAX_LABEL) {
        invalid("components: button label longer than " + MAX_LABEL);
      }
    }
  }

  private static void invalid(String message) {
    throw DiscordError.unexpected(400, 50035, "Invalid Form Body: " + message);
  }
}

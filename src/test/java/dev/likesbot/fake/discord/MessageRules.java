package dev.likesbot.fake.discord;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The message limits Discord enforces server-side, counted in UTF-16 units as JDA counts them. A
 * bot breaking them gets a 400 in production, so the fake rejects them the same way (code 50035
 * with the field path of each problem) and records a failure. Unit tests use {@link #problems} on
 * the JSON JDA would send, so they and the fake judge a message by the same rules.
 */
public final class MessageRules {
  private static final int MAX_CONTENT = 2000;
  private static final int MAX_EMBEDS = 10;
  private static final int MAX_TITLE = 256;
  private static final int MAX_DESCRIPTION = 4096;
  private static final int MAX_FIELDS = 25;
  private static final int MAX_FIELD_NAME = 256;
  private static final int MAX_FIELD_VALUE = 1024;
  private static final int MAX_FOOTER = 2048;
  private static final int MAX_AUTHOR = 256;
  private static final int MAX_EMBED_CHARS = 6000;
  private static final int MAX_ROWS = 5;
  private static final int MAX_ROW_CHILDREN = 5;
  private static final int MAX_CUSTOM_ID = 100;
  private static final int MAX_LABEL = 80;
  private static final int MAX_BUTTON_URL = 512;
  private static final int FLAG_COMPONENTS_V2 = 1 << 15;

  /** Styles 1-4 (primary, secondary, success, danger) need a custom_id; 5 is a link. */
  private static final int LINK_STYLE = 5;

  private static final int PREMIUM_STYLE = 6;
  private static final Pattern WEB_URL = Pattern.compile("(https?|attachment|discord)://\\S+");

  /** One rejected field: {@code path} like {@code embeds.0.title}, Discord's error code. */
  public record Problem(String path, String code, String message) {
    static Problem tooLong(String path, int max) {
      return new Problem(path, "BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length.");
    }

    static Problem required(String path) {
      return new Problem(path, "BASE_TYPE_REQUIRED", "This field is required");
    }
  }

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
    List<Problem> problems = problems(body);
    if (!problems.isEmpty()) {
      throw DiscordError.invalidFormBody(problems);
    }
  }

  /** Everything Discord would refuse in a message body (create or edit); empty when it is valid. */
  public static List<Problem> problems(JsonNode body) {
    List<Problem> problems = new ArrayList<>();
    if (body.path("content").asText("").length() > MAX_CONTENT) {
      problems.add(Problem.tooLong("content", MAX_CONTENT));
    }
    JsonNode embeds = body.path("embeds");
    if (embeds.size() > MAX_EMBEDS) {
      problems.add(Problem.tooLong("embeds", MAX_EMBEDS));
    }
    int embedChars = 0;
    for (int i = 0; i < embeds.size(); i++) {
      embedChars += checkEmbed(embeds.get(i), "embeds." + i, problems);
    }
    if (embedChars > MAX_EMBED_CHARS) {
      problems.add(
          new Problem(
              "embeds",
              "MAX_EMBED_SIZE_EXCEEDED",
              "Embed size exceeds maximum size of " + MAX_EMBED_CHARS));
    }
    checkComponents(body, problems);
    return problems;
  }

  /** Checks one embed and returns the characters it counts towards the message's 6000. */
  private static int checkEmbed(JsonNode embed, String at, List<Problem> problems) {
    String title = embed.path("title").asText("");
    String description = embed.path("description").asText("");
    String footer = embed.path("footer").path("text").asText("");
    String author = embed.path("author").path("name").asText("");
    maxLength(title, MAX_TITLE, at + ".title", problems);
    maxLength(description, MAX_DESCRIPTION, at + ".description", problems);
    maxLength(footer, MAX_FOOTER, at + ".footer.text", problems);
    maxLength(author, MAX_AUTHOR, at + ".author.name", problems);
    webUrl(embed.path("url"), at + ".url", problems);
    webUrl(embed.path("thumbnail").path("url"), at + ".thumbnail.url", problems);
    if (embed.has("footer") && trimsToNothing(footer)) {
      problems.add(Problem.required(at + ".footer.text"));
    }
    int chars = title.length() + description.length() + footer.length() + author.length();
    JsonNode fields = embed.path("fields");
    if (fields.size() > MAX_FIELDS) {
      problems.add(Problem.tooLong(at + ".fields", MAX_FIELDS));
    }
    for (int j = 0; j < fields.size(); j++) {
      String name = fields.get(j).path("name").asText("");
      String value = fields.get(j).path("value").asText("");
      String field = at + ".fields." + j;
      nonEmpty(name, MAX_FIELD_NAME, field + ".name", problems);
      nonEmpty(value, MAX_FIELD_VALUE, field + ".value", problems);
      chars += name.length() + value.length();
    }
    return chars;
  }

  private static void checkComponents(JsonNode body, List<Problem> problems) {
    JsonNode rows = body.path("components");
    boolean v2 = (body.path("flags").asInt(0) & FLAG_COMPONENTS_V2) != 0;
    if (!v2 && rows.size() > MAX_ROWS) {
      problems.add(Problem.tooLong("components", MAX_ROWS));
    }
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      if (row.path("type").asInt() == 1 && row.path("components").size() > MAX_ROW_CHILDREN) {
        problems.add(Problem.tooLong("components." + i + ".components", MAX_ROW_CHILDREN));
      }
    }
    List<String> paths = new ArrayList<>();
    List<JsonNode> buttons = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      collectButtons(rows.get(i), "components." + i, buttons, paths);
    }
    Set<String> customIds = new HashSet<>();
    for (int k = 0; k < buttons.size(); k++) {
      JsonNode button = buttons.get(k);
      String at = paths.get(k);
      int style = button.path("style").asInt(0);
      if (!button.path("style").isInt() || style < 1 || style > PREMIUM_STYLE) {
        problems.add(
            new Problem(
                at + ".style", "BASE_TYPE_CHOICES", "Value must be one of (1, 2, 3, 4, 5, 6)."));
        continue;
      }
      if (style == PREMIUM_STYLE) {
        checkPremium(button, at, problems);
        continue;
      }
      boolean link = style == LINK_STYLE;
      String customId = button.path("custom_id").asText(null);
      if (link && !button.hasNonNull("url")) {
        problems.add(Problem.required(at + ".url"));
      }
      if (!link && customId == null) {
        problems.add(Problem.required(at + ".custom_id"));
      }
      if (!link && button.has("url")) {
        problems.add(
            new Problem(
                at + ".url",
                "COMPONENT_BUTTON_URL_NOT_ALLOWED",
                "Only link buttons (style 5) can have a url"));
      }
      if (link && customId != null) {
        problems.add(
            new Problem(
                at + ".custom_id",
                "COMPONENT_LINK_BUTTON_CUSTOM_ID",
                "Link buttons cannot have a custom_id"));
      }
      if (link) {
        maxLength(button.path("url").asText(""), MAX_BUTTON_URL, at + ".url", problems);
        webUrl(button.path("url"), at + ".url", problems);
      }
      if (customId != null) {
        maxLength(customId, MAX_CUSTOM_ID, at + ".custom_id", problems);
        if (!customIds.add(customId)) {
          problems.add(
              new Problem(
                  at + ".custom_id",
                  "COMPONENT_CUSTOM_ID_DUPLICATED",
                  "Component custom id cannot be duplicated"));
        }
      }
      if (button.has("label") || !button.has("emoji")) {
        nonEmpty(button.path("label").asText(""), MAX_LABEL, at + ".label", problems);
      }
    }
  }

  /** A premium button (style 6) names a SKU and carries nothing else. */
  private static void checkPremium(JsonNode button, String at, List<Problem> problems) {
    if (!button.hasNonNull("sku_id")) {
      problems.add(Problem.required(at + ".sku_id"));
    }
    for (String field : List.of("custom_id", "url", "label", "emoji")) {
      if (button.has(field)) {
        problems.add(
            new Problem(
                at + "." + field,
                "COMPONENT_BUTTON_PREMIUM_FIELD",
                "Premium buttons cannot have a " + field));
      }
    }
  }

  /** Buttons in action rows, sections and containers, with their field paths. */
  private static void collectButtons(
      JsonNode component, String at, List<JsonNode> into, List<String> paths) {
    if (component.path("type").asInt() == 2) {
      into.add(component);
      paths.add(at);
    }
    JsonNode children = component.path("components");
    for (int i = 0; i < children.size(); i++) {
      collectButtons(children.get(i), at + ".components." + i, into, paths);
    }
    JsonNode accessory = component.path("accessory");
    if (!accessory.isMissingNode()) {
      collectButtons(accessory, at + ".accessory", into, paths);
    }
  }

  private static void maxLength(String text, int max, String path, List<Problem> problems) {
    if (text.length() > max) {
      problems.add(Problem.tooLong(path, max));
    }
  }

  /** Discord trims strings, so a blank required value counts as missing. */
  private static void nonEmpty(String text, int max, String path, List<Problem> problems) {
    if (trimsToNothing(text)) {
      problems.add(Problem.required(path));
    }
    maxLength(text, max, path, problems);
  }

  /**
   * Discord trims Unicode whitespace, no-break spaces included (a field value of U+00A0 alone is
   * refused like an empty one); Java's isBlank keeps those.
   */
  private static boolean trimsToNothing(String text) {
    return text.chars()
        .allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085');
  }

  private static void webUrl(JsonNode url, String path, List<Problem> problems) {
    if (!url.isMissingNode() && !url.isNull() && !WEB_URL.matcher(url.asText()).matches()) {
      problems.add(new Problem(path, "URL_TYPE_INVALID_URL", "Not a well formed URL."));
    }
  }
}

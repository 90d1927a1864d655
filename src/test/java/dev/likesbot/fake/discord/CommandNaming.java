package dev.likesbot.fake.discord;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Discord's rules for the names and descriptions of slash commands, their subcommands and options,
 * and for their translations: a name matches Discord's pattern and is lower case, a description has
 * 1 to 100 characters, and {@code name_localizations} / {@code description_localizations} are keyed
 * by Discord's locales only, each value under the same rules (documented under "Application Command
 * Object" and "Locales").
 */
final class CommandNaming {
  /** Discord's CHAT_INPUT name pattern, in Java's words. */
  private static final Pattern NAME =
      Pattern.compile("^[-_\\p{L}\\p{N}\\p{IsDevanagari}\\p{IsThai}]{1,32}$");

  private static final int DESCRIPTION = 100;

  /** Discord's locales, as its reference lists them. */
  static final Set<String> LOCALES =
      Set.of(
          "id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu", "nl",
          "no", "pl", "pt-BR", "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi",
          "th", "zh-CN", "ja", "zh-TW", "ko");

  private CommandNaming() {}

  /** Checks a posted slash command and everything under it; {@code at} names it in errors. */
  static void check(JsonNode command, String at) {
    if (command.path("type").asInt(1) != 1) {
      return; // user and message commands have other rules, and the bot registers none
    }
    checkNamed(command, at);
    JsonNode options = command.path("options");
    for (int i = 0; i < options.size(); i++) {
      check(options.get(i), at + ".options." + i, true);
    }
  }

  private static void check(JsonNode option, String at, boolean recurse) {
    checkNamed(option, at);
    JsonNode options = option.path("options");
    for (int i = 0; recurse && i < options.size(); i++) {
      check(options.get(i), at + ".options." + i, true);
    }
  }

  private static void checkNamed(JsonNode node, String at) {
    name(node.path("name").asText(""), at + ".name");
    description(node.path("description"), at + ".description");
    localizations(node.path("name_localizations"), at + ".name_localizations", true);
    localizations(node.path("description_localizations"), at + ".description_localizations", false);
  }

  private static void name(String name, String at) {
    if (!NAME.matcher(name).matches()) {
      throw invalid(at, "must match Discord's pattern, 1 to 32 characters: " + name);
    }
    if (!name.equals(name.toLowerCase(Locale.ROOT))) {
      throw invalid(at, "must be lower case: " + name);
    }
  }

  private static void description(JsonNode description, String at) {
    if (!description.isTextual()
        || description.asText().isEmpty()
        || description.asText().codePointCount(0, description.asText().length()) > DESCRIPTION) {
      throw invalid(at, "must have 1 to " + DESCRIPTION + " characters");
    }
  }

  private static void localizations(JsonNode map, String at, boolean names) {
    if (map.isMissingNode() || map.isNull()) {
      return;
    }
    if (!map.isObject()) {
      throw invalid(at, "must be an object of locale to text");
    }
    for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) map::fields) {
      String where = at + "." + entry.getKey();
      if (!LOCALES.contains(entry.getKey())) {
        throw invalid(where, "is not a Discord locale");
      }
      if (names) {
        name(entry.getValue().asText(""), where);
      } else {
        description(entry.getValue(), where);
      }
    }
  }

  private static DiscordError invalid(String path, String message) {
    return DiscordError.unexpected(400, 50035, "Invalid Form Body: " + path + ": " + message);
  }
}

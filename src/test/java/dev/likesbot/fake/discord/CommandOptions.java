package dev.likesbot.fake.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns a test's option map into Discord's option list. Types come from the registered command when
 * declared there, otherwise from the Java value; user options get a {@code resolved} entry.
 */
final class CommandOptions {
  private static final int STRING = 3;
  private static final int INTEGER = 4;
  private static final int BOOLEAN = 5;
  private static final int USER = 6;
  private static final int CHANNEL = 7;
  private static final int ROLE = 8;
  private static final int MENTIONABLE = 9;
  private static final int NUMBER = 10;

  private final Place place;
  private final Function<Long, FakeUser> users;
  private final Consumer<String> failures;
  private ObjectNode resolved;

  CommandOptions(Place place, Function<Long, FakeUser> users, Consumer<String> failures) {
    this.place = place;
    this.users = users;
    this.failures = failures;
  }

  ArrayNode build(String command, JsonNode declared, Map<String, Object> values) {
    ArrayNode options = Payloads.array();
    if (values == null) {
      return options;
    }
    for (JsonNode option : declared) {
      if (option.path("required").asBoolean(false)
          && !values.containsKey(option.path("name").asText())) {
        failures.accept(command + ": required option " + option.path("name").asText() + " missing");
      }
    }
    values.forEach(
        (name, value) -> {
          JsonNode declaration = declaration(declared, name);
          if (declared.size() > 0 && declaration == null) {
            failures.accept(command + " declares no option " + name);
          }
          int type = declaration != null ? declaration.get("type").asInt() : inferType(value);
          if (declaration != null && (type == INTEGER || type == NUMBER)) {
            checkBounds(command, declaration, (Number) value);
          }
          ObjectNode option = options.addObject();
          option.put("name", name);
          option.put("type", type);
          setValue(option, type, value);
        });
    return options;
  }

  /**
   * Discord's client does not let a member send a value outside the option's {@code min_value} and
   * {@code max_value}, so such a command never reaches the bot.
   */
  private static void checkBounds(String command, JsonNode declaration, Number value) {
    double given = value.doubleValue();
    JsonNode min = declaration.path("min_value");
    JsonNode max = declaration.path("max_value");
    if ((min.isNumber() && given < min.asDouble()) || (max.isNumber() && given > max.asDouble())) {
      throw new IllegalArgumentException(
          "Discord's client refuses "
              + command
              + " "
              + declaration.path("name").asText()
              + ": "
              + value
              + " is outside min_value "
              + min
              + " / max_value "
              + max);
    }
  }

  Optional<ObjectNode> resolved() {
    return Optional.ofNullable(resolved);
  }

  private static JsonNode declaration(JsonNode declared, String name) {
    for (JsonNode option : declared) {
      if (option.path("name").asText().equals(name)) {
        return option;
      }
    }
    return null;
  }

  private static int inferType(Object value) {
    if (value instanceof Boolean) {
      return BOOLEAN;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return INTEGER;
    }
    if (value instanceof Number) {
      return NUMBER;
    }
    if (value instanceof FakeUser) {
      return USER;
    }
    return STRING;
  }

  private void setValue(ObjectNode option, int type, Object value) {
    switch (type) {
      case INTEGER -> option.put("value", ((Number) value).longValue());
      case NUMBER -> option.put("value", ((Number) value).doubleValue());
      case BOOLEAN -> option.put("value", (Boolean) value);
      case USER -> {
        FakeUser user =
            value instanceof FakeUser fakeUser
                ? fakeUser
                : users.apply(Long.parseLong(value.toString()));
        if (user == null) {
          throw new IllegalArgumentException("user option needs a registered user: " + value);
        }
        option.put("value", Long.toString(user.id()));
        resolve(user);
      }
      case CHANNEL, ROLE, MENTIONABLE -> option.put("value", value.toString());
      case STRING -> option.put("value", value.toString());
      default ->
          throw new IllegalArgumentException(
              "option type " + type + " is not supported by the fake");
    }
  }

  private void resolve(FakeUser user) {
    if (resolved == null) {
      resolved = Payloads.object();
    }
    String id = Long.toString(user.id());
    resolved.withObjectProperty("users").set(id, Payloads.user(user));
    if (place.inGuild()) {
      ObjectNode member = Payloads.member(Payloads.user(user), Payloads.timestamp());
      member.remove("user"); // Discord sends resolved members without the user object.
      member.put("permissions", Payloads.TEXT_PERMISSIONS);
      resolved.withObjectProperty("members").set(id, member);
    }
  }
}

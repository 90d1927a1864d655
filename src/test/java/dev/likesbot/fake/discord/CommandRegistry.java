package dev.likesbot.fake.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Application commands as registered by bulk overwrites (global and per guild). */
final class CommandRegistry {
  private static final int SUBCOMMAND = 1;
  private static final int SUBCOMMAND_GROUP = 2;
  private static final int INTEGER = 4;
  private static final int NUMBER = 10;
  private static final BigDecimal MAX_SAFE_INTEGER = BigDecimal.valueOf(1L << 53);
  private final long applicationId;
  private List<JsonNode> global = List.of();
  private final Map<Long, List<JsonNode>> byGuild = new HashMap<>();
  private int updates;
  private int deliveredUpdates;

  CommandRegistry(long applicationId) {
    this.applicationId = applicationId;
  }

  /**
   * Replaces the command list like Discord: ids survive for commands that keep their name and type,
   * and the answer adds id, application_id and version.
   *
   * @return the answered command list
   */
  synchronized ArrayNode overwrite(Long guildId, JsonNode body) {
    if (!body.isArray()) {
      throw DiscordError.unexpected(400, 50035, "Invalid Form Body: expected a list of commands");
    }
    List<JsonNode> previous = guildId == null ? global : byGuild.getOrDefault(guildId, List.of());
    ArrayNode answer = Payloads.array();
    List<JsonNode> stored = new ArrayList<>();
    for (int index = 0; index < body.size(); index++) {
      JsonNode posted = body.get(index);
      if (!posted.hasNonNull("name")) {
        throw DiscordError.unexpected(400, 50035, "Invalid Form Body: command without name");
      }
      checkOptions(posted.path("options"), "options");
      CommandNaming.check(posted, Integer.toString(index));
      ObjectNode command = posted.deepCopy();
      int type = posted.path("type").asInt(1);
      long id =
          previous.stream()
              .filter(old -> sameCommand(old, posted.get("name").asText(), type))
              .map(old -> old.get("id").asLong())
              .findFirst()
              .orElseGet(Snowflakes::next);
      command.put("id", Long.toString(id));
      command.put("application_id", Long.toString(applicationId));
      command.put("version", Long.toString(Snowflakes.next()));
      command.put("type", type);
      if (guildId != null) {
        command.put("guild_id", Long.toString(guildId));
      }
      if (!command.has("default_member_permissions")) {
        command.putNull("default_member_permissions");
      }
      if (!command.has("nsfw")) {
        command.put("nsfw", false);
      }
      answer.add(command);
      stored.add(command.deepCopy());
    }
    if (guildId == null) {
      global = List.copyOf(stored);
    } else {
      byGuild.put(guildId, List.copyOf(stored));
    }
    updates++;
    return answer;
  }

  /**
   * Discord's rules for option bounds: only integer and number options take {@code min_value} and
   * {@code max_value}, each within ±2^53, the minimum not above the maximum.
   */
  private static void checkOptions(JsonNode options, String at) {
    for (int i = 0; i < options.size(); i++) {
      JsonNode option = options.get(i);
      String path = at + "." + i;
      int type = option.path("type").asInt();
      if (type == SUBCOMMAND || type == SUBCOMMAND_GROUP) {
        checkOptions(option.path("options"), path + ".options");
        continue;
      }
      for (String bound : List.of("min_value", "max_value")) {
        JsonNode value = option.path(bound);
        if (value.isMissingNode() || value.isNull()) {
          continue;
        }
        if (type != INTEGER && type != NUMBER) {
          throw invalid(path + "." + bound, "only integer and number options have " + bound);
        }
        if (!value.isNumber() || value.decimalValue().abs().compareTo(MAX_SAFE_INTEGER) > 0) {
          throw invalid(path + "." + bound, "must be a number within -2^53 and 2^53");
        }
      }
      if (option.path("min_value").isNumber()
          && option.path("max_value").isNumber()
          && option.get("min_value").asDouble() > option.get("max_value").asDouble()) {
        throw invalid(path + ".min_value", "must not be greater than max_value");
      }
    }
  }

  private static DiscordError invalid(String path, String message) {
    return DiscordError.unexpected(400, 50035, "Invalid Form Body: " + path + ": " + message);
  }

  /** Wakes waiters once JDA has the answer, so a test never closes the fake under a response. */
  synchronized void delivered() {
    deliveredUpdates++;
    notifyAll();
  }

  private static boolean sameCommand(JsonNode command, String name, int type) {
    return command.path("name").asText().equals(name) && command.path("type").asInt(1) == type;
  }

  synchronized List<JsonNode> global() {
    return copies(global);
  }

  synchronized List<JsonNode> guild(long guildId) {
    return copies(byGuild.getOrDefault(guildId, List.of()));
  }

  synchronized int updates() {
    return updates;
  }

  synchronized void awaitUpdates(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (deliveredUpdates < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "expected " + count + " command list updates within " + timeout + ", saw " + updates);
      }
      Waits.waitNanos(this, left);
    }
  }

  /** The slash command a user can run at this place: guild commands first, then global ones. */
  synchronized Optional<JsonNode> find(Long guildId, String name) {
    List<JsonNode> candidates = new ArrayList<>();
    if (guildId != null) {
      candidates.addAll(byGuild.getOrDefault(guildId, List.of()));
    }
    candidates.addAll(global);
    return candidates.stream().filter(command -> sameCommand(command, name, 1)).findFirst();
  }

  private static List<JsonNode> copies(List<JsonNode> commands) {
    return commands.stream().map(JsonNode::deepCopy).map(JsonNode.class::cast).toList();
  }
}

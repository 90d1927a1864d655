package dev.likesbot.config;

import java.net.URI;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The {@code discord.*} keys (the bot token, Discord's addresses, a test server, the shards) and
 * {@code bot.owner-id}, the Discord user in charge of the bot.
 */
final class DiscordKeys {
  private static final Pattern SNOWFLAKE = Pattern.compile("\\d{15,21}");
  private static final Pattern SHARD_RANGE = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");

  private DiscordKeys() {}

  static BotConfig.Discord read(KeyReader in) {
    Secret token =
        in.secret(
            "discord.token", "the bot token from the Discord Developer Portal (Bot → Reset Token)");
    if (token != null && token.reveal().chars().anyMatch(Character::isWhitespace)) {
      in.problem(
          "discord.token", "contains white space: paste the token exactly as Discord shows it");
    }
    OptionalLong applicationId =
        id(
            in,
            "discord.application-id",
            "an application id: leave it empty, or copy the Application ID from the Discord"
                + " Developer Portal (your application → General Information)");
    URI api = in.url("discord.api-base-url", "http", "https");
    URI gateway = in.url("discord.gateway-url", "ws", "wss");
    OptionalLong guild =
        id(
            in,
            "discord.guild-id",
            "a server id: leave it empty, or right-click the server in Discord (Developer Mode"
                + " on) → Copy Server ID");
    int shardTotal = in.integer("discord.shard-total", 1, 10_000);
    List<Integer> shardIds = shardIds(in, shardTotal);
    OptionalLong owner =
        id(
            in,
            "bot.owner-id",
            "a user id: leave it empty for the application's owner, or right-click the owner's"
                + " name in Discord (Developer Mode on) → Copy User ID");
    return new BotConfig.Discord(
        token, api, gateway, guild, applicationId, shardTotal, shardIds, owner);
  }

  /** An optional Discord id (a snowflake); {@code what} names it and where to find it. */
  private static OptionalLong id(KeyReader in, String key, String what) {
    String text = in.raw(key);
    if (text.isEmpty()) {
      return OptionalLong.empty();
    }
    if (SNOWFLAKE.matcher(text).matches()) {
      try {
        return OptionalLong.of(Long.parseUnsignedLong(text));
      } catch (NumberFormatException e) {
        // more than 64 bits: reported below like any other non-id
      }
    }
    in.problem(key, "'" + text + "' is not " + what);
    return OptionalLong.empty();
  }

  /** Empty means every shard; else ids and ranges such as {@code 0-3,8}. */
  private static List<Integer> shardIds(KeyReader in, int total) {
    String key = "discord.shard-ids";
    String text = in.raw(key);
    if (text.isEmpty()) {
      return IntStream.range(0, total).boxed().toList();
    }
    Set<Integer> ids = new TreeSet<>();
    for (String part : text.split(",")) {
      Matcher m = SHARD_RANGE.matcher(part.strip());
      if (!m.matches()) {
        in.problem(
            key,
            "has '"
                + part.strip()
                + "': use shard numbers and ranges such as 0-1 or 0,2, or leave it empty for"
                + " all shards");
        continue;
      }
      int from = Integer.parseInt(m.group(1));
      int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
      if (to < from || to >= total) {
        in.problem(
            key,
            "has '"
                + part.strip()
                + "': shards are numbered 0 to "
                + (total - 1)
                + " for discord.shard-total="
                + total
                + "; use ids in that range or raise discord.shard-total");
        continue;
      }
      for (int id = from; id <= to; id++) {
        ids.add(id);
      }
    }
    return List.copyOf(ids);
  }
}

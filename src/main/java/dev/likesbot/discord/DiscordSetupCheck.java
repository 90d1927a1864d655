package dev.likesbot.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.likesbot.check.Check;
import dev.likesbot.config.BotConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --check} for Discord: two plain REST reads with the bot token, no gateway session, so it
 * can run beside a bot that is already connected.
 */
public final class DiscordSetupCheck {
  static final String SUBJECT = "Discord (discord.token)";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN_FIX =
      "copy the bot token again into discord.token (env DISCORD_TOKEN): Discord Developer Portal"
          + " → your application → Bot → Reset Token";

  private final BotConfig.Discord config;
  private final HttpClient http;
  private final Duration timeout;

  public DiscordSetupCheck(BotConfig.Discord config, Duration timeout) {
    this.config = config;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** The token is accepted ({@code GET users/@me}) and belongs to the configured application. */
  public List<Check> run() {
    List<Check> checks = new ArrayList<>();
    JsonNode self;
    try {
      Answer me = get("users/@me");
      if (me.status() == 401) {
        checks.add(Check.failed(SUBJECT, "Discord rejected the bot token", TOKEN_FIX));
        return checks;
      }
      if (me.status() != 200) {
        checks.add(unexpected("users/@me", me.status()));
        return checks;
      }
      self = me.body();
      if (!self.path("bot").asBoolean(false)) {
        checks.add(
            Check.failed(
                SUBJECT,
                "the token is not a bot token",
                "use the token under Bot in the Developer Portal, not an OAuth2 client secret"));
        return checks;
      }
      checks.add(
          Check.passed(
              SUBJECT,
              "Discord accepted the token of bot "
                  + self.path("username").asText("?")
                  + " (user id "
                  + self.path("id").asText("?")
                  + ")"));
      Answer app = get("oauth2/applications/@me");
      if (app.status() != 200) {
        checks.add(unexpected("oauth2/applications/@me", app.status()));
        return checks;
      }
      checks.add(application(app.body()));
      if (config.guildId().isPresent()) {
        Answer guilds = get("users/@me/guilds");
        if (guilds.status() != 200) {
          checks.add(unexpected("users/@me/guilds", guilds.status()));
          return checks;
        }
        checks.add(guild(guilds.body()));
      }
    } catch (IOException e) {
      checks.add(
          Check.failed(
              SUBJECT,
              "cannot reach Discord at discord.api-base-url="
                  + config.apiBaseUrl()
                  + ": "
                  + e.getClass().getSimpleName(),
              "check the network connection; leave discord.api-base-url at its default unless"
                  + " you point the bot at a test double"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      checks.add(Check.failed(SUBJECT, "interrupted", "run the check again"));
    }
    return checks;
  }

  private Check application(JsonNode app) {
    String subject = "Discord application (discord.application-id)";
    String id = app.path("id").asText("");
    String name = app.path("name").asText("?");
    if (config.applicationId().isEmpty()) {
      return Check.passed(subject, "the token belongs to application " + name + " (id " + id + ")");
    }
    String expected = Long.toUnsignedString(config.applicationId().getAsLong());
    if (!expected.equals(id)) {
      return Check.failed(
          subject,
          "the token belongs to application "
              + name
              + " (id "
              + id
              + "), not to discord.application-id="
              + expected,
          "copy the bot token of application "
              + expected
              + " into discord.token, or correct discord.application-id");
    }
    return Check.passed(subject, "the token belongs to application " + name + " (id " + id + ")");
  }

  private Check guild(JsonNode guilds) {
    String subject = "Discord server (discord.guild-id)";
    String wanted = Long.toUnsignedString(config.guildId().getAsLong());
    for (JsonNode guild : guilds) {
      if (wanted.equals(guild.path("id").asText())) {
        return Check.passed(
            subject,
            "the bot is in server " + guild.path("name").asText("?") + " (id " + wanted + ")");
      }
    }
    return Check.failed(
        subject,
        "the bot is not in the server discord.guild-id=" + wanted,
        "invite the bot with the OAuth2 URL Generator (scopes bot and applications.commands), or"
            + " leave discord.guild-id empty for global commands");
  }

  private static Check unexpected(String path, int status) {
    return Check.failed(
        SUBJECT,
        "Discord answered GET " + path + " with HTTP " + status,
        "try again in a minute; if it persists, check https://discordstatus.com");
  }

  private record Answer(int status, JsonNode body) {}

  private Answer get(String path) throws IOException, InterruptedException {
    String base = config.apiBaseUrl().toString();
    URI uri = URI.create((base.endsWith("/") ? base : base + "/") + path);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bot " + config.token().reveal())
                .header("User-Agent", "DiscordBot (https://github.com/likes-bot, 0.1)")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      body = JSON.createObjectNode();
    }
    return new Answer(response.statusCode(), body == null ? JSON.createObjectNode() : body);
  }
}

package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.fake.discord.FakeInteraction;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.testing.LogCapture;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The whole flow with every logger at DEBUG and java.util.logging bridged at FINE: no secret may
 * appear in a log line, a reply, a DM or a page.
 */
class SecretsIT {
  @TempDir Path dir;
  private java.util.logging.Level julRootLevel;

  @BeforeEach
  void bridgeJulAtFine() {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    julRootLevel = root.getLevel();
    root.setLevel(java.util.logging.Level.FINE);
  }

  @AfterEach
  void restoreJul() {
    java.util.logging.Logger.getLogger("").setLevel(julRootLevel);
    SLF4JBridgeHandler.uninstall();
  }

  private static String param(String url, String name) {
    Matcher m = Pattern.compile("[?&]" + name + "=([^&]+)").matcher(url);
    assertThat(m.find()).as("%s in %s", name, url).isTrue();
    return m.group(1);
  }

  @Test
  void noSecretAppearsInLogsRepliesOrPages() throws Exception {
    List<String> seen = new ArrayList<>(); // replies, DMs and pages the members saw
    Set<String> secrets = new HashSet<>();
    String loginState;
    String encryptionKey = "c2VjcmV0LWtleS1vZi0zMi1ieXRlcy1mb3ItYWVzISE=";
    try (LogCapture logs = LogCapture.at(Level.DEBUG);
        BotHarness bot = new BotHarness(dir).with("STORE_ENCRYPTION_KEY", encryptionKey).start()) {
      secrets.add(bot.discord.botToken());
      secrets.add(TestEnv.CLIENT_SECRET);
      secrets.add(encryptionKey);

      FakeUser ada = bot.discord.user(310000000000000001L, "ada");
      bot.spotify.addUser("ada", "Ada Lovelace", 30);
      seen.add(bot.run(ada, "link", null).raw().toString());
      JsonNode dm =
          bot.discord.awaitDm(ada.id(), BotHarness.TIMEOUT, m -> m.path("components").size() > 0);
      String loginUrl = BotHarness.firstButtonUrl(dm);
      loginState = param(loginUrl, "state");
      secrets.add(loginState);
      bot.spotify.nextLogin("ada");
      URI callback = bot.spotify.authorize(URI.create(loginUrl));
      secrets.add(param(callback.toString(), "code"));
      HttpResponse<String> page = bot.get(callback);
      seen.add(page.body());
      seen.add(bot.get(callback).body()); // the replay's refusal page
      seen.add(
          bot.discord
              .awaitDm(
                  ada.id(),
                  BotHarness.TIMEOUT,
                  m -> m.path("content").asText().startsWith("Linked"))
              .toString());

      for (String sub : List.of("count", "random")) {
        FakeInteraction call = bot.discord.slashCommand(ada, "likes", sub, Map.of());
        call.awaitReply(BotHarness.TIMEOUT);
        call.calls().forEach(c -> seen.add(String.valueOf(c.body())));
      }
      bot.time.advance(Duration.ofMinutes(61)); // a refresh, with its own tokens
      seen.add(bot.run(ada, "likes", "count").raw().toString());
      bot.spotify.revoke("ada");
      bot.time.advance(Duration.ofMinutes(61)); // invalid_grant
      seen.add(bot.run(ada, "likes", "count").raw().toString());
      seen.add(bot.run(ada, "unlink", null).raw().toString());

      secrets.addAll(bot.spotify.issuedSecrets());
      assertThat(bot.spotify.tokenRefreshes("ada")).isEqualTo(1);
      bot.app.close();
      bot.app = null;

      List<String> lines = logs.lines();
      assertThat(lines).as("DEBUG logging captured").hasSizeGreaterThan(50);
      assertThat(secrets).hasSizeGreaterThanOrEqualTo(6);
      List<String> leaks =
          lines.stream()
              .filter(line -> secrets.stream().anyMatch(line::contains))
              .map(line -> line.substring(0, Math.min(line.length(), 160)))
              .toList();
      assertThat(leaks).as("log lines holding a secret").isEmpty();
      for (String secret : secrets) {
        if (!secret.equals(loginState)) { // the login button itself must carry the state
          assertThat(seen).as("replies and pages").noneMatch(text -> text.contains(secret));
        }
      }
      assertThat(bot.discord.dms(ada.id()).subList(1, bot.discord.dms(ada.id()).size()))
          .noneMatch(m -> m.toString().contains(loginState));
    }
  }
}

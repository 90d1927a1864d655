package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.fake.discord.FakeInteraction;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members read the bot in their Discord client's language: German here, with German numbers, on
 * public cards too; DMs sent later (the expiry reminder) in the language of their last use, after a
 * restart as well; English for a language without a translation; and the commands themselves carry
 * their German names.
 */
class LocalisationIT {
  static final Duration TIMEOUT = BotHarness.TIMEOUT;
  static final long GUILD = 400000000000000077L;

  @TempDir Path dir;
  private BotHarness bot;

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
  }

  private Reply run(FakeUser user, String sub) {
    return bot.discord.slashCommand(user, "likes", sub, Map.of()).awaitReply(TIMEOUT);
  }

  private FakeInteraction linkInGuild(FakeUser user) {
    return bot.discord.slashCommandInGuild(
        user, GUILD, bot.discord.guildChannelId(), "link", null, Map.of());
  }

  private static List<String> labels(Reply reply) {
    return reply.buttons().stream().map(b -> b.path("label").asText()).toList();
  }

  @Test
  void aGermanMemberReadsRepliesAndPublicCardsInGermanWithGermanNumbers() throws Exception {
    bot = new BotHarness(dir).start();
    FakeUser ada = bot.ada(); // 1,234 liked songs
    FakeUser german = ada.withLocale("de");

    Reply notLinked = run(german, "count");
    assertThat(notLinked.content()).startsWith("Verknüpfe zuerst mit </link:");
    assertThat(notLinked.ephemeral()).isTrue();

    bot.link(ada, "ada-spotify");

    Reply count = run(german, "count");
    assertThat(count.ephemeral()).as("a public answer").isFalse();
    assertThat(count.content()).isEqualTo("Du hast 1.234 Lieblingssongs.");

    Reply card = run(german, "random");
    assertThat(card.ephemeral()).isFalse();
    JsonNode embed = card.embeds().get(0);
    assertThat(embed.path("description").asText()).startsWith("von ");
    assertThat(embed.path("footer").path("text").asText())
        .isEqualTo("Song 1 von 1.234 · keine Wiederholung, bis du alle gesehen hast");
    assertThat(labels(card)).contains("In Spotify öffnen", "Auf YouTube suchen", "Noch einer");

    Reply list = run(german, "list");
    JsonNode page = list.embeds().get(0);
    assertThat(page.path("title").asText()).isEqualTo("Lieblingssongs");
    assertThat(page.path("footer").path("text").asText())
        .isEqualTo("Seite 1 von 124 · 1.234 Songs, die neuesten zuerst");
    assertThat(labels(list)).containsExactly("◀ Neuere", "Ältere ▶");

    Reply english = run(ada, "count");
    assertThat(english.content())
        .as("the same member with an English client")
        .isEqualTo("You have 1,234 liked songs.");
  }

  @Test
  void aLanguageWithoutATranslationReadsEnglishAndTheCommandsCarryGermanNames() throws Exception {
    bot = new BotHarness(dir).start();
    FakeUser ada = bot.ada();
    bot.link(ada, "ada-spotify");

    Reply count = run(ada.withLocale("pt-BR"), "count");

    assertThat(count.content()).isEqualTo("You have 1,234 liked songs.");
    JsonNode likes =
        bot.discord.globalCommands().stream()
            .filter(c -> c.path("name").asText().equals("likes"))
            .findFirst()
            .orElseThrow();
    assertThat(likes.path("description_localizations").path("de").asText())
        .isEqualTo("Deine Lieblingssongs auf Spotify");
    JsonNode countCommand = likes.path("options").path(0);
    assertThat(countCommand.path("name").asText()).as("the real name stays").isEqualTo("count");
    assertThat(countCommand.path("name_localizations").path("de").asText()).isEqualTo("anzahl");
    assertThat(countCommand.path("options").path(0).path("name_localizations").path("de").asText())
        .isEqualTo("privat");
  }

  @Test
  void dmsWithNoInteractionAtHandUseTheRememberedLanguageAfterARestart() throws Exception {
    bot = new BotHarness(dir, GUILD).start();
    FakeUser german = bot.discord.user(310000000000000007L, "greta").withLocale("de");
    bot.spotify.addUser("greta-spotify", "Greta", 3);

    FakeInteraction first = linkInGuild(german);
    Reply login = first.awaitReply(TIMEOUT);
    assertThat(login.content())
        .startsWith("Melde dich bei Spotify an")
        .endsWith("Eine Kopie liegt in deinen DMs.");
    assertThat(labels(login)).contains("Mit Spotify anmelden", "Verknüpfung abschließen");
    JsonNode firstCopy =
        bot.discord.awaitDm(german.id(), TIMEOUT, m -> m.path("components").size() > 0);
    assertThat(firstCopy.path("content").asText()).startsWith("Melde dich bei Spotify an");

    Reply again = linkInGuild(german).awaitReply(TIMEOUT);
    assertThat(
            first
                .awaitReply(TIMEOUT, r -> r.content().contains("durch ein neueres /link"))
                .content())
        .as("the replaced login is edited in the language it was offered in")
        .isEqualTo("Dieser Anmeldelink wurde durch ein neueres /link ersetzt – nimm den neuen.");
    URI callback = BotHarness.loginFrom(bot.spotify, again.raw(), "greta-spotify");
    Instant linkedAt = bot.time.instant();
    assertThat(BotHarness.get(callback).statusCode()).isEqualTo(200);
    JsonNode linked =
        bot.discord.awaitDm(
            german.id(), TIMEOUT, m -> m.path("content").asText().startsWith("Verknüpft als"));
    assertThat(linked.path("content").asText())
        .isEqualTo("Verknüpft als Greta. Das bist nicht du? Nutze /unlink.");

    bot.restart();
    Instant expires = linkedAt.atOffset(ZoneOffset.UTC).plusMonths(6).toInstant();
    bot.time.advance(Duration.between(bot.time.instant(), expires.minus(Duration.ofDays(13))));
    bot.app.dailySweep().run();

    JsonNode reminder =
        bot.discord.awaitDm(
            german.id(),
            TIMEOUT,
            m -> m.path("content").asText().startsWith("Deine Spotify-Verknüpfung läuft"));
    assertThat(reminder.path("content").asText()).contains("<t:").doesNotContain("Your Spotify");
    assertThat(reminder.path("components").toString()).contains("Neu verknüpfen");
  }
}

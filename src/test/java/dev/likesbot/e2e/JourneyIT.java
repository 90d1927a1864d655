package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import dev.likesbot.fake.spotify.FakeSpotify;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The member's journey as Discord shows it, end to end against the fakes: errors name /link as a
 * command they can tap, Unlink asks first, public cards say whose they are, and the list's buttons
 * and option read well.
 */
class JourneyIT {
  static final Duration TIMEOUT = BotHarness.TIMEOUT;
  static final long GUILD = 400000000000000055L;
  static final String AVATAR = "0123456789abcdef0123456789abcdef";
  static final int DANGER = 4;
  static final int SECONDARY = 2;

  @TempDir Path dir;
  private BotHarness bot;

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
  }

  private static String idOf(List<JsonNode> commands, String name) {
    return commands.stream()
        .filter(c -> c.path("name").asText().equals(name))
        .map(c -> c.path("id").asText())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no command " + name + " in " + commands));
  }

  private static JsonNode button(Reply reply, String customId) {
    return reply.buttons().stream()
        .filter(b -> b.path("custom_id").asText().equals(customId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no button " + customId + " in " + reply));
  }

  @Nested
  class ErrorsNameLinkAsACommandToTap {

    @Test
    void notLinkedMentionsTheGloballyRegisteredLinkCommandById() {
      bot = new BotHarness(dir).start();
      FakeUser ada = bot.ada();

      Reply reply = bot.run(ada, "likes", "count");

      String link = idOf(bot.discord.globalCommands(), "link");
      assertThat(reply.ephemeral()).isTrue();
      assertThat(reply.content())
          .isEqualTo("Link your Spotify account first with </link:" + link + ">.");
    }

    @Test
    void notLinkedOnAServerMentionsTheServersOwnLinkCommand() {
      bot = new BotHarness(dir, GUILD).start();
      FakeUser ada = bot.ada();

      Reply reply =
          bot.discord
              .slashCommandInGuild(
                  ada, GUILD, bot.discord.guildChannelId(), "likes", "random", Map.of())
              .awaitReply(TIMEOUT);

      String link = idOf(bot.discord.guildCommands(GUILD), "link");
      assertThat(reply.content())
          .isEqualTo("Link your Spotify account first with </link:" + link + ">.");
    }

    @Test
    void anEndedLinkMentionsTheLinkCommandAndSoDoesTheNextTry() throws Exception {
      bot = new BotHarness(dir).start();
      FakeUser ada = bot.ada();
      bot.link(ada, "ada-spotify");
      bot.spotify.revoke("ada-spotify");
      bot.time.advance(Duration.ofMinutes(61));
      String link = "</link:" + idOf(bot.discord.globalCommands(), "link") + ">";

      assertThat(bot.run(ada, "likes", "count").content())
          .isEqualTo("Your Spotify link expired or was revoked — run " + link + " again.");
      assertThat(bot.run(ada, "likes", "count").content())
          .isEqualTo("Link your Spotify account first with " + link + ".");
    }
  }

  @Nested
  class UnlinkAsksFirst {
    private FakeUser ada;
    private Reply status;

    private void linkedAdasStatus() throws Exception {
      bot = new BotHarness(dir).start();
      ada = bot.ada();
      bot.link(ada, "ada-spotify");
      status = bot.run(ada, "link", null);
    }

    private Reply press(Reply on, String action) {
      return bot.discord
          .button(ada, on.raw(), "link:" + action + ":" + ada.id())
          .awaitReply(TIMEOUT);
    }

    @Test
    void theStatusOffersUnlinkInDiscordsDangerStyle() throws Exception {
      linkedAdasStatus();

      JsonNode unlink = button(status, "link:unlink:" + ada.id());
      assertThat(unlink.path("label").asText()).isEqualTo("Unlink");
      assertThat(unlink.path("style").asInt()).isEqualTo(DANGER);
    }

    @Test
    void unlinkAsksToConfirmWithADangerUnlinkAndACancelCarryingTheMember() throws Exception {
      linkedAdasStatus();

      Reply confirm = press(status, "unlink");

      assertThat(confirm.ephemeral())
          .as("the confirmation replaces the status where it stands (in a DM, a normal message)")
          .isEqualTo(status.ephemeral());
      assertThat(confirm.content()).startsWith("Unlink your Spotify link?").doesNotContain("token");
      assertThat(confirm.buttons())
          .extracting(
              b -> b.path("label").asText(),
              b -> b.path("style").asInt(),
              b -> b.path("custom_id").asText())
          .containsExactly(
              tuple("Unlink", DANGER, "link:unlink-confirm:" + ada.id()),
              tuple("Cancel", SECONDARY, "link:unlink-cancel:" + ada.id()));
      assertThat(bot.run(ada, "likes", "count").content())
          .as("asking forgets nothing")
          .isEqualTo("You have 1,234 liked songs.");
    }

    @Test
    void cancelKeepsTheLinkAndBringsBackTheStatus() throws Exception {
      linkedAdasStatus();

      Reply back = press(press(status, "unlink"), "unlink-cancel");

      assertThat(back.content()).isEqualTo(status.content());
      assertThat(back.buttons())
          .extracting(b -> b.path("custom_id").asText())
          .containsExactly("link:relink:" + ada.id(), "link:unlink:" + ada.id());
      assertThat(bot.run(ada, "likes", "count").content()).isEqualTo("You have 1,234 liked songs.");
    }

    @Test
    void theConfirmingUnlinkForgetsTheLink() throws Exception {
      linkedAdasStatus();

      Reply unlinked = press(press(status, "unlink"), "unlink-confirm");

      assertThat(unlinked.content())
          .startsWith("Unlinked: I forgot your Spotify link.")
          .doesNotContain("token");
      assertThat(unlinked.buttons()).isEmpty();
      assertThat(bot.run(ada, "likes", "count").content())
          .startsWith("Link your Spotify account first with </link:");
    }

    @Test
    void anUnlinkButtonFromBeforeARestartAsksToConfirmToo() throws Exception {
      linkedAdasStatus();
      bot.restart();

      Reply confirm = press(status, "unlink");

      assertThat(confirm.content()).startsWith("Unlink your Spotify link?");
      assertThat(bot.run(ada, "likes", "count").content()).isEqualTo("You have 1,234 liked songs.");
    }

    @Test
    void typedUnlinkForgetsAtOnceAndSaysSoWithoutTokens() throws Exception {
      linkedAdasStatus();

      Reply reply = bot.run(ada, "unlink", null);

      assertThat(reply.content())
          .startsWith("Unlinked: I forgot your Spotify link.")
          .doesNotContain("token");
      JsonNode unlink =
          bot.discord.globalCommands().stream()
              .filter(c -> c.path("name").asText().equals("unlink"))
              .findFirst()
              .orElseThrow();
      assertThat(unlink.path("description").asText()).doesNotContainIgnoringCase("token");
    }
  }

  @Nested
  class PublicCardsSayWhoseTheyAre {
    private FakeDiscord discord;
    private FakeUser ada;

    private void adaOnAServerWithHerOwnPicture() throws Exception {
      bot = new BotHarness(dir, GUILD).start();
      discord = bot.discord;
      FakeSpotify spotify = bot.spotify;
      ada = discord.user(310000000000000001L, "ada_l", AVATAR);
      spotify.addUser("ada-spotify", "Ada Lovelace", 25);
      discord
          .slashCommandInGuild(ada, GUILD, discord.guildChannelId(), "link", null, Map.of())
          .awaitReply(TIMEOUT);
      bot.completeLink(ada, BotHarness.loginFromDm(discord, spotify, ada, "ada-spotify"));
    }

    private Reply run(String sub, Map<String, Object> options) {
      return discord
          .slashCommandInGuild(ada, GUILD, discord.guildChannelId(), "likes", sub, options)
          .awaitReply(TIMEOUT);
    }

    /** The name as Discord shows it (author names are not markdown) and the member's picture. */
    private void assertHeadedByAda(Reply reply) {
      assertThat(reply.ephemeral()).isFalse();
      JsonNode author = reply.embeds().get(0).path("author");
      assertThat(author.path("name").asText()).isEqualTo("ada_l");
      assertThat(author.path("icon_url").asText())
          .isEqualTo("https://cdn.discordapp.com/avatars/" + ada.id() + "/" + AVATAR + ".png");
    }

    @Test
    void countRandomAndListCarryTheMembersNameAndAvatar() throws Exception {
      adaOnAServerWithHerOwnPicture();

      Reply count = run("count", Map.of());
      assertHeadedByAda(count);
      assertThat(count.content()).isEqualTo("You have 25 liked songs.");
      assertHeadedByAda(run("random", Map.of()));
      assertHeadedByAda(run("list", Map.of()));
    }

    @Test
    void anotherPickAndATurnedPageStayHeadedByTheMember() throws Exception {
      adaOnAServerWithHerOwnPicture();
      Reply pick = run("random", Map.of());
      Reply list = run("list", Map.of());

      assertHeadedByAda(
          discord.button(ada, pick.raw(), "likes:another:" + ada.id()).awaitReply(TIMEOUT));
      assertHeadedByAda(
          discord.button(ada, list.raw(), "likes:next:" + ada.id() + ":1").awaitReply(TIMEOUT));
    }

    @Test
    void theListsButtonsSayWhichWayInWords() throws Exception {
      adaOnAServerWithHerOwnPicture();

      Reply second = run("list", Map.of("page", 2));

      assertThat(second.buttons())
          .extracting(b -> b.path("label").asText(), b -> b.path("custom_id").asText())
          .containsExactly(
              tuple("◀ Newer", "likes:prev:" + ada.id() + ":0"),
              tuple("Older ▶", "likes:next:" + ada.id() + ":2"));
    }

    @Test
    void pageStartsAtOneSoDiscordsClientNeverSendsPageZero() throws Exception {
      adaOnAServerWithHerOwnPicture();

      JsonNode likes =
          discord.guildCommands(GUILD).stream()
              .filter(c -> c.path("name").asText().equals("likes"))
              .findFirst()
              .orElseThrow();
      JsonNode page = null;
      for (JsonNode sub : likes.path("options")) {
        for (JsonNode option : sub.path("options")) {
          if (sub.path("name").asText().equals("list")
              && option.path("name").asText().equals("page")) {
            page = option;
          }
        }
      }
      assertThat(page).as("the list's page option").isNotNull();
      assertThat(page.path("min_value").asLong()).isEqualTo(1);
      assertThatThrownBy(() -> run("list", Map.of("page", 0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("min_value");
    }
  }
}

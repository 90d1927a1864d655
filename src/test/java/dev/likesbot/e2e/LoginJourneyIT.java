package dev.likesbot.e2e;

import static dev.likesbot.e2e.BotHarness.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.fake.discord.FakeInteraction;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The member's journey through /link, on the fakes: the login comes back where /link ran (a copy in
 * the DMs), success and expiry edit the login messages so no dead button looks alive, and the
 * callback page leads back to that channel.
 */
class LoginJourneyIT {
  private static final long GUILD = 1300000000000000001L;
  private static final String USED = "This login link was used";
  private static final String EXPIRED = "This login link expired";
  private static final String ENDED = "This login link was used without linking";

  @TempDir Path dir;
  private BotHarness bot;
  private FakeUser ada;

  @BeforeEach
  void start() {
    bot = new BotHarness(dir, GUILD).start();
    ada = bot.ada();
  }

  @AfterEach
  void stop() {
    bot.close();
  }

  private FakeInteraction linkInGuild() {
    return bot.discord.slashCommandInGuild(
        ada, GUILD, bot.discord.guildChannelId(), "link", null, Map.of());
  }

  private JsonNode loginDm(int nth) {
    bot.discord.awaitDm(
        ada.id(),
        TIMEOUT,
        m -> bot.discord.dms(ada.id()).stream().filter(d -> hasButtons(d)).count() >= nth);
    return bot.discord.dms(ada.id()).stream().filter(d -> hasButtons(d)).toList().get(nth - 1);
  }

  private static boolean hasButtons(JsonNode message) {
    return message.path("components").size() > 0;
  }

  @Test
  void linkAnswersPrivatelyWithTheLoginAndSuccessEditsItTheDmCopyAndStillDms() throws Exception {
    FakeInteraction link = linkInGuild();
    Reply answer = link.awaitReply(TIMEOUT);

    assertThat(answer.ephemeral()).isTrue();
    assertThat(answer.content()).contains("@ada", "A copy is in your DMs.");
    assertThat(answer.buttons())
        .extracting(b -> b.path("label").asText())
        .containsExactly("Log in with Spotify", "Finish linking");
    JsonNode copy = loginDm(1);
    assertThat(BotHarness.firstButtonUrl(copy)).isEqualTo(BotHarness.firstButtonUrl(answer.raw()));

    HttpResponse<String> page =
        BotHarness.get(BotHarness.loginFrom(bot.spotify, answer.raw(), "ada-spotify"));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            "href=\"https://discord.com/channels/"
                + GUILD
                + "/"
                + bot.discord.guildChannelId()
                + "\"",
            "Open Discord");
    Reply edited = link.awaitReply(TIMEOUT, r -> r.content().startsWith("Linked as"));
    assertThat(edited.content())
        .isEqualTo("Linked as Ada Lovelace. Try /likes count. Not you? Use /unlink.");
    assertThat(edited.buttons()).as("no dead login button").isEmpty();
    assertThat(edited.ephemeral()).isTrue();
    JsonNode usedCopy =
        bot.discord.awaitMessage(copy, TIMEOUT, m -> m.path("content").asText().startsWith(USED));
    assertThat(usedCopy.path("components")).isEmpty();
    bot.discord.awaitDm(
        ada.id(), TIMEOUT, m -> m.path("content").asText().startsWith("Linked as Ada Lovelace."));
  }

  @Test
  void aLoginCancelledAtTheCallbackEditsTheAnswerAndTheDmCopyAtOnce() throws Exception {
    FakeInteraction link = linkInGuild();
    Reply answer = link.awaitReply(TIMEOUT);
    JsonNode copy = loginDm(1);
    bot.spotify.denyNextLogin();
    URI denied = bot.spotify.authorize(URI.create(BotHarness.firstButtonUrl(answer.raw())));
    assertThat(denied.getQuery()).contains("error=access_denied");

    HttpResponse<String> page = BotHarness.get(denied);

    assertThat(page.body()).contains("Link cancelled");
    // No clock moves: the edits come from the callback, not from the 10-minute expiry.
    Reply ended = link.awaitReply(TIMEOUT, r -> r.content().startsWith(ENDED));
    assertThat(ended.content()).contains("run /link for a new one");
    assertThat(ended.buttons()).as("no dead login button").isEmpty();
    assertThat(ended.ephemeral()).isTrue();
    JsonNode endedCopy =
        bot.discord.awaitMessage(copy, TIMEOUT, m -> m.path("content").asText().startsWith(ENDED));
    assertThat(endedCopy.path("components")).isEmpty();
  }

  @Test
  void aLoginThatExpiredIsEditedInTheAnswerAndTheDmAndANewerLinkKeepsItsOwnUntilItExpires()
      throws Exception {
    FakeInteraction first = linkInGuild();
    first.awaitReply(TIMEOUT);
    JsonNode firstCopy = loginDm(1);
    bot.time.advance(Duration.ofMinutes(5));
    FakeInteraction second = linkInGuild();
    Reply secondAnswer = second.awaitReply(TIMEOUT);
    JsonNode secondCopy = loginDm(2);

    assertThat(first.awaitReply(TIMEOUT, r -> r.content().contains("replaced")).buttons())
        .isEmpty();
    JsonNode replacedCopy =
        bot.discord.awaitMessage(
            firstCopy, TIMEOUT, m -> m.path("content").asText().contains("replaced"));
    assertThat(replacedCopy.path("components")).isEmpty();

    bot.time.advance(Duration.ofMinutes(6)); // the first login's 10 minutes are over
    Thread.sleep(5_000); // two expiry checks' worth: the first login's end must not touch this one
    assertThat(bot.discord.awaitMessage(secondCopy, TIMEOUT, m -> true).path("components"))
        .isNotEmpty();
    assertThat(second.calls()).extracting(c -> c.method()).containsExactly("POST", "PATCH");

    bot.time.advance(Duration.ofMinutes(5)); // now the second's are over too
    Reply expired = second.awaitReply(TIMEOUT, r -> r.content().startsWith(EXPIRED));
    assertThat(expired.content()).contains("run /link for a new one");
    assertThat(expired.buttons()).isEmpty();
    JsonNode expiredCopy =
        bot.discord.awaitMessage(
            secondCopy, TIMEOUT, m -> m.path("content").asText().startsWith(EXPIRED));
    assertThat(expiredCopy.path("components")).isEmpty();
    assertThat(BotHarness.firstButtonUrl(secondAnswer.raw())).contains("state=");
  }

  @Test
  void relinkPressedInsideTheDmAnswersWithTheLoginThereAndItIsMarkedUsedAfterwards()
      throws Exception {
    Reply first = linkInGuild().awaitReply(TIMEOUT);
    bot.completeLink(ada, BotHarness.loginFrom(bot.spotify, first.raw(), "ada-spotify"));
    bot.time.advance(Duration.ofDays(175)); // within two weeks of the link's end
    bot.app.dailySweep().run();
    JsonNode reminder =
        bot.discord.awaitDm(
            ada.id(), TIMEOUT, m -> m.path("content").asText().startsWith("Your Spotify link"));
    int dmsBefore = bot.discord.dms(ada.id()).size();

    FakeInteraction relink = bot.discord.button(ada, reminder, "link:relink:" + ada.id());
    Reply login = relink.awaitReply(TIMEOUT);

    assertThat(login.content()).startsWith("Log in with Spotify").doesNotContain("DMs");
    assertThat(login.ephemeral()).as("the DM is private anyway; this message lasts").isFalse();
    assertThat(login.buttons())
        .first()
        .satisfies(b -> assertThat(b.path("url").asText()).contains("state="));
    assertThat(bot.discord.dms(ada.id())).as("no copy in the same DM").hasSize(dmsBefore);

    assertThat(
            BotHarness.get(BotHarness.loginFrom(bot.spotify, login.raw(), "ada-spotify"))
                .statusCode())
        .isEqualTo(200);
    Reply used = relink.awaitReply(TIMEOUT, r -> r.content().startsWith(USED));
    assertThat(used.buttons()).isEmpty();
    bot.discord.awaitDm(
        ada.id(),
        TIMEOUT,
        m ->
            m.path("content").asText().startsWith("Linked as")
                && bot.discord.dms(ada.id()).indexOf(m) >= dmsBefore);
  }

  @Test
  void whereTheChannelIsNotKnownTheCallbackPageOpensDiscordsApp() throws Exception {
    Reply answer = linkInGuild().awaitReply(TIMEOUT);
    bot.restart(); // the channel was kept in memory only; the login state survives in the store

    HttpResponse<String> page =
        BotHarness.get(BotHarness.loginFrom(bot.spotify, answer.raw(), "ada-spotify"));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("href=\"https://discord.com/app\"", "Open Discord");
  }
}

package dev.likesbot.e2e;

import static dev.likesbot.e2e.BotHarness.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import dev.likesbot.testing.LogCapture;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone is in charge: the bot's owner (the application's owner by default, its team's owner for a
 * team's application, or {@code bot.owner-id}) is named where members are told to ask them, and
 * DMed, once a day per cause, about what only they can fix; every "something went wrong" carries an
 * error id that is also in the log line with the cause.
 */
class OwnerEndToEndIT {
  private static final Pattern ERROR_ID = Pattern.compile("error id ([0-9A-HJKMNP-TV-Z]{8})");
  private static final long ADA = 311000000000000001L;
  private static final long GRACE = 311000000000000002L;

  @TempDir Path dir;
  private BotHarness bot;

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
  }

  private List<String> dmsTo(long userId, String containing) {
    List<String> texts = new ArrayList<>();
    for (JsonNode dm : bot.discord.dms(userId)) {
      String text = dm.path("content").asText();
      if (text.contains(containing)) {
        texts.add(text);
      }
    }
    return texts;
  }

  private String awaitDmTo(long userId, String containing) {
    return bot.discord
        .awaitDm(userId, TIMEOUT, m -> m.path("content").asText().contains(containing))
        .path("content")
        .asText();
  }

  private void awaitDmCount(long userId, String containing, int count) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (dmsTo(userId, containing).size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** A member who runs /link and logs in with a Spotify account not on the app's allowlist. */
  private HttpResponse<String> refusedLink(FakeUser member, String spotifyId) throws Exception {
    if (bot.spotify.user(spotifyId).isEmpty()) {
      bot.spotify.addUser(spotifyId, "Name " + spotifyId, 3);
      bot.spotify.setOnAllowlist(spotifyId, false);
    }
    // Each /link answers with a new login button (in the DM, the answer itself).
    Reply login = bot.run(member, "link", null);
    assertThat(login.content()).startsWith("Log in with Spotify");
    return BotHarness.get(BotHarness.loginFrom(bot.spotify, login.raw(), spotifyId));
  }

  @Test
  void aRefusedAccountNamesTheOwnerOnThePageAndDmsThemWhoWasRefusedOnceADay() throws Exception {
    bot = new BotHarness(dir).start();
    long owner = bot.discord.applicationOwnerId();
    FakeUser ada = bot.discord.user(ADA, "ada");

    HttpResponse<String> page = refusedLink(ada, "ada-spotify");

    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body())
        .contains("Spotify refused this account")
        .contains("Send the bot&#39;s owner, owner, the e-mail address of your Spotify account");
    String dm = awaitDmTo(owner, "<@" + ADA + ">");
    assertThat(dm)
        .contains("Discord id " + ADA)
        .contains("e-mail address of their Spotify account")
        .contains("the bot cannot know it")
        .contains("User Management");

    // The same member again within the day: no second DM. A refusal of Grace's is a cause of its
    // own, and its DM (sent after any second one about Ada would have been) is the barrier.
    assertThat(refusedLink(ada, "ada-spotify").statusCode()).isEqualTo(403);
    assertThat(refusedLink(bot.discord.user(GRACE, "grace"), "grace-spotify").statusCode())
        .isEqualTo(403);
    awaitDmTo(owner, "<@" + GRACE + ">");
    assertThat(dmsTo(owner, "<@" + ADA + ">")).hasSize(1);

    bot.time.advance(Duration.ofDays(1));
    assertThat(refusedLink(ada, "ada-spotify").statusCode()).isEqualTo(403);
    awaitDmCount(owner, "<@" + ADA + ">", 2);
    assertThat(dmsTo(owner, "<@" + ADA + ">")).hasSize(2);
  }

  /**
   * A used-up quota at the callback used to read "Spotify unavailable" and tell nobody: the page
   * now says what happened and that the owner knows, and the owner is DMed as from Discord.
   */
  @Test
  void aUsedUpQuotaAtTheCallbackSaysSoOnThePageAndDmsTheOwner() throws Exception {
    bot = new BotHarness(dir).start();
    long owner = bot.discord.applicationOwnerId();
    FakeUser ada = bot.discord.user(ADA, "ada");
    bot.spotify.addUser("ada-spotify", "Ada", 3);
    Reply login = bot.run(ada, "link", null);
    URI callback = BotHarness.loginFrom(bot.spotify, login.raw(), "ada-spotify");
    // Only the Web API says why in its 429: the profile read that completes the exchange.
    bot.spotify.failNextWithQuotaExceeded(1, "/v1/me");

    HttpResponse<String> page = BotHarness.get(callback);

    assertThat(page.statusCode()).isEqualTo(503);
    assertThat(page.body())
        .contains("<title>Spotify quota used up")
        .contains("This bot has used up its Spotify request quota for now, so nothing was linked")
        .contains("The bot&#39;s owner has been told.")
        .doesNotContain("Spotify is having trouble");
    assertThat(awaitDmTo(owner, "QUOTA_EXCEEDED")).contains("Quota extension");
    bot.time.advance(Duration.ofSeconds(2)); // past the 429's Retry-After, which the bot heeds
    assertThat(bot.run(ada, "likes", "count").content()).as("not linked").contains("/link");
  }

  @Test
  void aLinkedMemberLaterRefusedIsToldToAskTheOwnerByMention() throws Exception {
    bot = new BotHarness(dir).start();
    long owner = bot.discord.applicationOwnerId();
    FakeUser ada = bot.linkedMember(ADA, "ada-spotify", 5);
    bot.spotify.setOnAllowlist("ada-spotify", false);

    Reply reply = bot.run(ada, "likes", "count");

    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.content())
        .startsWith("Spotify refused access to your account")
        .contains("Send <@" + owner + "> (the bot's owner) the e-mail address of your Spotify");
    assertThat(awaitDmTo(owner, "<@" + ADA + ">")).contains("Discord id " + ADA);
  }

  @Test
  void aTeamsApplicationIsInTheChargeOfTheTeamsOwner() throws Exception {
    bot = new BotHarness(dir);
    FakeUser teamOwner = new FakeUser(311000000000000010L, "captain");
    FakeUser developer = new FakeUser(311000000000000011L, "crew");
    bot.discord.ownApplicationByTeam(
        311000000000000012L, "The Team", List.of(teamOwner, developer));
    bot.start();
    FakeUser ada = bot.linkedMember(ADA, "ada-spotify", 5);
    bot.spotify.setOnAllowlist("ada-spotify", false);

    Reply reply = bot.run(ada, "likes", "count");

    assertThat(reply.content()).contains("Send <@" + teamOwner.id() + "> (the bot's owner)");
    awaitDmTo(teamOwner.id(), "<@" + ADA + ">");
    assertThat(bot.discord.dms(developer.id())).isEmpty();
    assertThat(bot.discord.dms(311000000000000012L)).isEmpty();
  }

  @Test
  void botOwnerIdPutsSomeoneElseInCharge() throws Exception {
    bot = new BotHarness(dir);
    FakeUser deputy = bot.discord.user(311000000000000020L, "deputy");
    bot.with("BOT_OWNER_ID", Long.toString(deputy.id())).start();
    FakeUser ada = bot.linkedMember(ADA, "ada-spotify", 5);
    bot.spotify.setOnAllowlist("ada-spotify", false);

    Reply reply = bot.run(ada, "likes", "count");

    assertThat(reply.content()).contains("Send <@" + deputy.id() + "> (the bot's owner)");
    awaitDmTo(deputy.id(), "<@" + ADA + ">");
    assertThat(bot.discord.dms(bot.discord.applicationOwnerId())).isEmpty();
  }

  @Test
  void somethingWentWrongCarriesAnErrorIdThatIsInTheLogLineWithTheCause() throws Exception {
    bot = new BotHarness(dir).start();
    FakeUser ada = bot.linkedMember(ADA, "ada-spotify", 5);
    long owner = bot.discord.applicationOwnerId();
    bot.spotify.failNext(400, 1, "/v1/me/tracks");

    Reply reply;
    List<String> log;
    try (LogCapture capture = LogCapture.at(Level.WARN)) {
      reply = bot.run(ada, "likes", "count");
      log = capture.lines();
    }

    assertThat(reply.content())
        .startsWith("Something went wrong talking to Spotify.")
        .contains("tell <@" + owner + "> (the bot's owner)");
    Matcher id = ERROR_ID.matcher(reply.content());
    assertThat(id.find()).as("an error id in %s", reply.content()).isTrue();
    assertThat(log)
        .filteredOn(line -> line.contains(id.group(1)))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("ERROR")
                    .contains("Spotify rejected a request for user " + ADA)
                    .contains("HTTP 400"));
  }

  @Test
  void aReplyDiscordRefusesEndsInTheGenericErrorWithAnIdInItsLogLine() throws Exception {
    bot = new BotHarness(dir).start();
    FakeUser ada = bot.linkedMember(ADA, "ada-spotify", 5);
    // The answer replaces the "thinking…" placeholder with a PATCH; Discord refuses this one.
    bot.discord.failNextRest("PATCH", "webhooks/", 400, 1);

    Reply reply;
    List<String> log;
    try (LogCapture capture = LogCapture.at(Level.WARN)) {
      reply = bot.discord.slashCommand(ada, "likes", "count", Map.of()).awaitReply(TIMEOUT);
      log = capture.lines();
    }

    assertThat(reply.content()).startsWith("Something went wrong on our side.");
    Matcher id = ERROR_ID.matcher(reply.content());
    assertThat(id.find()).as("an error id in %s", reply.content()).isTrue();
    assertThat(log)
        .filteredOn(line -> line.contains(id.group(1)))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("answering with the generic error instead"));
  }

  @Test
  void repeatedFailuresAreDmedToTheOwnerWithTheirErrorIds() throws Exception {
    bot = new BotHarness(dir).start();
    FakeUser ada = bot.linkedMember(ADA, "ada-spotify", 5);
    long owner = bot.discord.applicationOwnerId();
    bot.spotify.failNext(400, 5, "/v1/me/tracks");

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Matcher id = ERROR_ID.matcher(bot.run(ada, "likes", "count").content());
      assertThat(id.find()).isTrue();
      ids.add(id.group(1));
    }

    String dm = awaitDmTo(owner, "something went wrong");
    assertThat(dm).contains("5 times within 10 minutes").contains(String.join(", ", ids));
  }

  @Test
  void theQuotaReplySaysTheOwnerWasToldOnlyWhileThatIsTrue() throws Exception {
    bot = new BotHarness(dir).start();
    FakeUser ada = bot.linkedMember(ADA, "ada-spotify", 5);
    long owner = bot.discord.applicationOwnerId();
    bot.discord.closeDms(owner);
    bot.spotify.failNextWithQuotaExceeded(2, "/v1/me/tracks");

    String first;
    try (LogCapture capture = LogCapture.at(Level.WARN)) {
      first = bot.run(ada, "likes", "count").content();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (capture.lines().stream().noneMatch(l -> l.contains("Could not DM the bot's owner"))
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    bot.time.advance(Duration.ofSeconds(2)); // past the 429's Retry-After, which the bot heeds
    String second = bot.run(ada, "likes", "count").content();

    // The first DM was on its way when the member was answered; it failed (DMs closed), so the
    // second member is not told the owner knows.
    assertThat(first)
        .startsWith("This bot has used up its Spotify request quota for now")
        .endsWith("<@" + owner + "> (the bot's owner) has been told.");
    assertThat(second).endsWith("If it lasts, tell <@" + owner + "> (the bot's owner).");
  }
}

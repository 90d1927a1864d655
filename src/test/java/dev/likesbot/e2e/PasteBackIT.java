package dev.likesbot.e2e;

import static dev.likesbot.e2e.BotHarness.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.likesbot.fake.discord.FakeDiscord;
import dev.likesbot.fake.discord.FakeInteraction;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.OpenedModal;
import dev.likesbot.fake.discord.Reply;
import dev.likesbot.fake.spotify.FakeSpotify;
import dev.likesbot.testing.LogCapture;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the default loopback redirect URI, a member's browser cannot reach the bot: it ends on a
 * page that cannot load, and the member pastes that page's address into the form of the login
 * message's Finish linking button. The whole bot, against the fakes.
 */
class PasteBackIT {
  @TempDir Path dir;
  private BotHarness bot;
  private FakeDiscord discord;
  private FakeSpotify spotify;
  private FakeUser ada;
  private FakeUser bob;

  @BeforeEach
  void start() {
    bot = new BotHarness(dir).start();
    discord = bot.discord;
    spotify = bot.spotify;
    ada = discord.user(320000000000000001L, "ada");
    bob = discord.user(320000000000000002L, "bob");
    spotify.addUser("ada-spotify", "Ada Lovelace", 1234);
    spotify.addUser("bob-spotify", "Bob Builder", 7);
  }

  @AfterEach
  void stop() {
    bot.close();
  }

  /** /link in the DM: its answer, the login message there. */
  private JsonNode loginDm(FakeUser member) {
    Reply reply = bot.run(member, "link", null);
    assertThat(reply.content()).contains("Finish linking");
    assertThat(reply.ephemeral()).as("in the DM the login message lasts").isFalse();
    return reply.raw();
  }

  /** The member follows the DM's Spotify link and logs in: the address their browser ends on. */
  private URI logIn(JsonNode dm, String spotifyId) {
    spotify.nextLogin(spotifyId);
    return spotify.authorize(URI.create(BotHarness.firstButtonUrl(dm)));
  }

  /** Presses Finish linking on {@code message}, and pastes {@code text} into the form it opens. */
  private Reply paste(FakeUser member, JsonNode message, String text) {
    FakeInteraction click = discord.button(member, message, "link:finish:" + member.id());
    OpenedModal form = click.awaitModal(TIMEOUT);
    return discord
        .submitModal(member, click, Map.of(form.inputs().get(0).customId(), text))
        .awaitReply(TIMEOUT);
  }

  /**
   * Once {@code used} linked, its buttons are gone; a linked member's Relink gives a new login
   * message with its own Finish linking button.
   */
  private JsonNode freshLogin(FakeUser member, JsonNode used) {
    discord.awaitMessage(used, TIMEOUT, m -> m.path("components").isEmpty());
    Reply status = bot.run(member, "link", null);
    return discord
        .button(member, status.raw(), "link:relink:" + member.id())
        .awaitReply(TIMEOUT)
        .raw();
  }

  private long linkedDms(FakeUser member) {
    return discord.dms(member.id()).stream()
        .filter(m -> m.path("content").asText().startsWith("Linked as"))
        .count();
  }

  @Test
  void aMemberLinksByPastingTheAddressTheirBrowserCouldNotLoad() {
    JsonNode dm = loginDm(ada);
    assertThat(dm.path("content").asText())
        .startsWith("Log in with Spotify")
        .contains("@ada", "don't share", "cannot load", "whole address");
    URI callback = logIn(dm, "ada-spotify");
    assertThat(callback.toString()).startsWith(bot.env.get("SPOTIFY_REDIRECT_URI") + "?code=");

    FakeInteraction click = discord.button(ada, dm, "link:finish:" + ada.id());
    OpenedModal form = click.awaitModal(TIMEOUT);
    assertThat(form.customId()).isEqualTo("link:paste:" + ada.id());
    assertThat(form.inputs())
        .singleElement()
        .satisfies(i -> assertThat(i.maxLength()).isEqualTo(4000));
    Reply linked =
        discord
            .submitModal(ada, click, Map.of(form.inputs().get(0).customId(), callback.toString()))
            .awaitReply(TIMEOUT);

    assertThat(linked.content()).isEqualTo("Linked as Ada Lovelace. Not you? Use /unlink.");
    assertThat(linked.ephemeral()).as("the DM's lasting message").isFalse();
    assertThat(linkedDms(ada)).as("no second Linked message in the same DM").isZero();
    assertThat(bot.run(ada, "likes", "count").content()).isEqualTo("You have 1,234 liked songs.");
    assertThat(spotify.codeExchanges("ada-spotify")).isEqualTo(1);
  }

  @Test
  void pastingSomeoneElsesAddressIsRefusedAndTheyCanStillFinishWithIt() {
    JsonNode adasDm = loginDm(ada);
    URI adasAddress = logIn(adasDm, "ada-spotify");
    JsonNode bobsDm = loginDm(bob);

    Reply refused = paste(bob, bobsDm, adasAddress.toString());

    assertThat(refused.ephemeral()).isTrue();
    assertThat(refused.content()).contains("someone else's /link", "not used");
    assertThat(spotify.codeExchanges("ada-spotify")).isZero();
    assertThat(paste(ada, adasDm, adasAddress.toString()).content())
        .isEqualTo("Linked as Ada Lovelace. Not you? Use /unlink.");
    URI bobsAddress = logIn(bobsDm, "bob-spotify");
    assertThat(paste(bob, bobsDm, bobsAddress.toString()).content())
        .as("Bob's own login was not spent either")
        .startsWith("Linked as Bob Builder");
  }

  @Test
  void aUsedAddressIsRefused() {
    JsonNode dm = loginDm(ada);
    URI address = logIn(dm, "ada-spotify");
    paste(ada, dm, address.toString());

    Reply again = paste(ada, freshLogin(ada, dm), address.toString());

    assertThat(again.ephemeral()).isTrue();
    assertThat(again.content()).contains("already used");
    assertThat(spotify.codeExchanges("ada-spotify")).isEqualTo(1);
  }

  @Test
  void anAccessDeniedAddressEndsTheLogin() {
    JsonNode dm = loginDm(ada);
    spotify.denyNextLogin();
    URI denied = spotify.authorize(URI.create(BotHarness.firstButtonUrl(dm)));
    assertThat(denied.getQuery()).contains("error=access_denied");

    Reply cancelled = paste(ada, dm, denied.toString());

    assertThat(cancelled.content()).isEqualTo("Link cancelled — run /link to try again.");
    JsonNode retired = discord.awaitMessage(dm, TIMEOUT, m -> m.path("components").isEmpty());
    assertThat(retired.path("content").asText())
        .as("the spent login no longer looks alive")
        .contains("run /link for a new one");
    assertThat(paste(ada, loginDm(ada), denied.toString()).content())
        .as("it ended the login")
        .contains("already used");
    assertThat(bot.run(ada, "likes", "count").content()).contains("/link");
  }

  /**
   * The default (loopback) way to link meets the allowlist as often as the callback does: the
   * member is told whom to send their e-mail, and that owner hears who was refused.
   */
  @Test
  void aPastedLoginOfAnAccountNotOnTheAllowlistNamesTheOwnerAndDmsThem() {
    long owner = discord.applicationOwnerId();
    spotify.setOnAllowlist("ada-spotify", false);
    JsonNode dm = loginDm(ada);

    Reply refused = paste(ada, dm, logIn(dm, "ada-spotify").toString());

    assertThat(refused.content())
        .startsWith("Spotify refused access to your account")
        .contains("Send <@" + owner + "> (the bot's owner) the e-mail address");
    assertThat(
            discord
                .awaitDm(owner, TIMEOUT, m -> m.path("content").asText().contains("<@" + ada.id()))
                .path("content")
                .asText())
        .contains("Discord id " + ada.id(), "User Management");
  }

  @Test
  void garbageAndAnotherAddressAreRefusedPreciselyAndTheLoginStillWaits() {
    JsonNode dm = loginDm(ada);
    URI address = logIn(dm, "ada-spotify");

    Reply garbage = paste(ada, dm, "the page says: This site can't be reached");
    Reply other = paste(ada, dm, "https://open.spotify.com/collection/tracks");
    Reply linked = paste(ada, dm, "here:\n<" + address.toString().replace("&", "&amp;") + ">\n");

    assertThat(garbage.ephemeral()).isTrue();
    assertThat(garbage.content()).startsWith("That isn't an address");
    assertThat(other.content()).contains("no login state");
    assertThat(linked.content()).isEqualTo("Linked as Ada Lovelace. Not you? Use /unlink.");
  }

  @Test
  void anExpiredLoginIsRefusedAndNamesTheNextStep() {
    JsonNode dm = loginDm(ada);
    URI address = logIn(dm, "ada-spotify");
    bot.time.advance(Duration.ofMinutes(11));

    Reply expired = paste(ada, dm, address.toString());

    assertThat(expired.content()).contains("expired", "/link");
    assertThat(spotify.codeExchanges("ada-spotify")).isZero();
  }

  @Test
  void inAServerWithDmsClosedThePrivateReplyCarriesFinishLinkingAndTheAnswerIsPrivate(
      @TempDir Path serverDir) {
    long guild = 1300000000000000001L;
    try (BotHarness server = new BotHarness(serverDir, guild).start()) {
      FakeUser cy = server.discord.user(320000000000000003L, "cy");
      server.spotify.addUser("cy-spotify", "Cy Twombly", 3);
      server.discord.closeDms(cy.id());
      Reply login =
          server
              .discord
              .slashCommandInGuild(
                  cy, guild, server.discord.guildChannelId(), "link", null, Map.of())
              .awaitReply(TIMEOUT);
      assertThat(login.ephemeral()).isTrue();
      assertThat(login.content())
          .contains("@cy", "Finish linking")
          .doesNotContain("A copy is in your DMs");
      assertThat(login.buttons()).hasSize(2);
      server.spotify.nextLogin("cy-spotify");
      URI address = server.spotify.authorize(URI.create(BotHarness.firstButtonUrl(login.raw())));

      FakeInteraction click = server.discord.button(cy, login.raw(), "link:finish:" + cy.id());
      OpenedModal form = click.awaitModal(TIMEOUT);
      Reply linked =
          server
              .discord
              .submitModal(cy, click, Map.of(form.inputs().get(0).customId(), address.toString()))
              .awaitReply(TIMEOUT);

      assertThat(linked.ephemeral()).isTrue();
      assertThat(linked.content()).startsWith("Linked as Cy Twombly.");
    }
  }

  @Test
  void aBrowserOnTheBotsMachineStillCompletesAtTheCallbackWithoutACookie() throws Exception {
    JsonNode dm = loginDm(ada);
    URI address = logIn(dm, "ada-spotify");

    assertThat(BotHarness.get(address).statusCode()).isEqualTo(200);
    discord.awaitDm(ada.id(), TIMEOUT, m -> m.path("content").asText().startsWith("Linked as"));
    assertThat(paste(ada, freshLogin(ada, dm), address.toString()).content())
        .as("the callback spent it")
        .contains("already used");
  }

  /**
   * The pasted text holds the login's code and state, and travels through JDA: at TRACE, with the
   * bot started after the capture (as SecretsIT does, so the libraries' quiet levels apply),
   * neither reaches a log line or an answer.
   */
  @Test
  void neitherTheCodeNorTheStateOfAPasteReachesALogLineOrAnAnswer(@TempDir Path tracedDir) {
    try (LogCapture logs = LogCapture.at(Level.TRACE);
        BotHarness traced = new BotHarness(tracedDir).start()) {
      FakeUser cy = traced.discord.user(320000000000000004L, "cy");
      FakeUser dee = traced.discord.user(320000000000000005L, "dee");
      traced.spotify.addUser("cy-spotify", "Cy Twombly", 3);
      JsonNode dm = traced.run(cy, "link", null).raw();
      traced.spotify.nextLogin("cy-spotify");
      URI address = traced.spotify.authorize(URI.create(BotHarness.firstButtonUrl(dm)));
      String query = address.getRawQuery();
      String code = query.replaceAll(".*code=([^&]+).*", "$1");
      String state = query.replaceAll(".*state=([^&]+).*", "$1");
      JsonNode deesDm = traced.run(dee, "link", null).raw();

      List<String> answers = new ArrayList<>();
      for (FakeUser member : List.of(dee, cy)) { // someone else's paste first, then the right one
        FakeInteraction click =
            traced.discord.button(member, member == cy ? dm : deesDm, "link:finish:" + member.id());
        click.awaitModal(TIMEOUT);
        answers.add(
            traced
                .discord
                .submitModal(member, click, Map.of("address", address.toString()))
                .awaitReply(TIMEOUT)
                .raw()
                .toString());
      }

      assertThat(answers.get(1)).contains("Linked as Cy Twombly");
      assertThat(answers).noneMatch(a -> a.contains(code) || a.contains(state));
      assertThat(logs.lines())
          .hasSizeGreaterThan(50)
          .noneMatch(line -> line.contains(code) || line.contains(state));
    }
  }
}

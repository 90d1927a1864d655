package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.fake.discord.FakeInteraction;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-member limit, clicks acknowledged on arrival and calls waiting at a stop, end to end. The
 * harness's clock stands still, so a member's budget never refills during a test: the worst case,
 * faster than any human. The fake fails a test whose interaction was not acknowledged in time.
 */
class MemberLimitIT {
  static final String RESTARTING = "The bot is restarting — try again in a moment.";

  @TempDir Path dir;
  private BotHarness bot;

  @BeforeEach
  void defaults() {
    bot = new BotHarness(dir);
    bot.env.remove("LIKES_COOLDOWN_SECONDS");
    bot.env.remove("LIKES_LIMIT_BURST");
  }

  @AfterEach
  void stop() {
    bot.close();
  }

  private static String title(Reply reply) {
    assertThat(reply.embeds()).as("a song card in %s", reply).isNotEmpty();
    return reply.embeds().get(0).path("title").asText();
  }

  private static String anotherId(Reply reply) {
    return reply.buttons().stream()
        .filter(b -> b.path("label").asText().equals("Another"))
        .map(b -> b.path("custom_id").asText())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Another button in " + reply));
  }

  private static void until(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + BotHarness.TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private FakeInteraction send(FakeUser user, String sub) throws InterruptedException {
    FakeInteraction call = bot.discord.slashCommand(user, "likes", sub, Map.of());
    until(call::acknowledged, "/likes " + sub + " to be acknowledged");
    return call;
  }

  private FakeInteraction click(FakeUser user, Reply on) throws InterruptedException {
    FakeInteraction call = bot.discord.button(user, on.raw(), anotherId(on));
    until(call::acknowledged, "the click to be acknowledged");
    return call;
  }

  @Test
  void fifteenPressesOfAnotherInARowAreAllAnsweredWithANewCard() throws Exception {
    bot.start();
    FakeUser ada = bot.linkedMember(310000000000000001L, "ada", 40);
    Reply card = bot.run(ada, "likes", "random");
    List<String> titles = new ArrayList<>(List.of(title(card)));

    for (int i = 0; i < 15; i++) {
      card = bot.discord.button(ada, card.raw(), anotherId(card)).awaitReply(BotHarness.TIMEOUT);
      titles.add(title(card));
    }

    assertThat(titles).hasSize(16).doesNotHaveDuplicates();
  }

  @Test
  void fiveSimultaneousCommandsFromOneMemberAreAllAnswered() throws Exception {
    bot.start();
    FakeUser ada = bot.linkedMember(310000000000000001L, "ada", 40);
    List<FakeInteraction> calls = new ArrayList<>();

    for (int i = 0; i < 5; i++) {
      calls.add(bot.discord.slashCommand(ada, "likes", "random", Map.of()));
    }

    List<String> titles = new ArrayList<>();
    for (FakeInteraction call : calls) {
      titles.add(title(call.awaitReply(BotHarness.TIMEOUT)));
    }
    assertThat(titles).hasSize(5).doesNotHaveDuplicates();
  }

  @Test
  void aFloodIsSlowedAndPartlyRefusedWhileAnotherMembersLaterCommandGoesFirst() throws Exception {
    // One use every 4 s, held up to 12 s: the first held command waits 4 s, long beside the other
    // member's one round trip even on a loaded machine. One worker: a held command waiting on it
    // would put the other member's behind it.
    bot.with("LIKES_LIMIT_PER_MINUTE", "15")
        .with("LIKES_LIMIT_MAX_WAIT_SECONDS", "12")
        .with("BOT_WORKER_THREADS", "1")
        .start();
    FakeUser ada = bot.linkedMember(310000000000000001L, "ada", 40);
    FakeUser bob = bot.linkedMember(320000000000000002L, "bob", 7);
    // Linking counted too: the flood starts from a full budget.
    bot.time.advance(Duration.ofMinutes(1));
    List<FakeInteraction> flood = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      flood.add(bot.discord.slashCommand(ada, "likes", "count", Map.of()));
    }

    FakeInteraction bobs = bot.discord.slashCommand(bob, "likes", "count", Map.of());

    assertThat(bobs.awaitReply(BotHarness.TIMEOUT).content()).isEqualTo("You have 7 liked songs.");
    List<String> answers = new ArrayList<>();
    for (FakeInteraction call : flood) {
      answers.add(call.awaitReply(BotHarness.TIMEOUT).content());
    }
    // A burst of 10 at once, then three held (4, 8 and 12 s), the rest refused.
    assertThat(answers.subList(0, 13)).containsOnly("You have 40 liked songs.");
    assertThat(answers.subList(13, 50))
        .allSatisfy(a -> assertThat(a).matches("You're going fast — try again in \\d+ s\\."));
    assertThat(flood.subList(13, 50))
        .allSatisfy(c -> assertThat(c.awaitReply(BotHarness.TIMEOUT).ephemeral()).isTrue());
    assertThat(flood.subList(10, 13))
        .as("the held commands are answered after the other member's")
        .allSatisfy(c -> assertThat(c.answerOrder()).isGreaterThan(bobs.answerOrder()));
    String metrics =
        BotHarness.get(URI.create("http://127.0.0.1:" + bot.webPort + "/metrics")).body();
    assertThat(metrics)
        .contains("likesbot_member_limit_total{outcome=\"delayed\"} 3.0")
        .contains("likesbot_member_limit_total{outcome=\"refused\"} 37.0");
  }

  @Test
  void aFloodOfLinkInAServerIsLimitedLikeOneOfLikes() throws Exception {
    // /link in a server DMs a copy of the login and holds a worker until Discord took it (each
    // also edits the DM it replaces): unlimited, one member's flood would keep every worker
    // waiting on Discord's DM rate limit and the queue full for everyone else.
    long guild = 330000000000000003L;
    bot.close();
    bot = new BotHarness(dir, guild);
    bot.env.remove("LIKES_LIMIT_BURST");
    bot.with("LIKES_LIMIT_MAX_WAIT_SECONDS", "0").start();
    FakeUser eve = bot.discord.user(340000000000000004L, "eve");
    List<FakeInteraction> flood = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      flood.add(
          bot.discord.slashCommandInGuild(
              eve, guild, bot.discord.guildChannelId(), "link", null, Map.of()));
    }

    List<String> answers = new ArrayList<>();
    for (FakeInteraction call : flood) {
      answers.add(call.awaitReply(BotHarness.TIMEOUT).content());
    }
    assertThat(answers.subList(0, 10)).noneMatch(a -> a.startsWith("You're going fast"));
    assertThat(answers.subList(10, 30))
        .allSatisfy(a -> assertThat(a).matches("You're going fast — try again in \\d+ s\\."));
    assertThat(bot.discord.dms(eve.id())).hasSize(10);
  }

  @Test
  void aClickWaitingBehindABusyWorkerIsAcknowledgedAtOnceAndAnsweredLater() throws Exception {
    bot.with("BOT_WORKER_THREADS", "1").start();
    FakeUser ada = bot.linkedMember(310000000000000001L, "ada", 40);
    Reply card = bot.run(ada, "likes", "random");
    bot.spotify.setLatency(Duration.ofSeconds(4));
    FakeInteraction slow = send(ada, "count");

    FakeInteraction another = click(ada, card);

    assertThat(slow.answerOrder())
        .as("the click was acknowledged while the worker was busy")
        .isZero();
    assertThat(another.calls().get(0).body().path("type").asInt())
        .as("a deferred message, since Another posts a new one")
        .isEqualTo(5);
    bot.spotify.setLatency(Duration.ZERO);
    assertThat(title(another.awaitReply(BotHarness.TIMEOUT))).isNotEqualTo(title(card));
    assertThat(slow.awaitReply(BotHarness.TIMEOUT).content()).isEqualTo("You have 40 liked songs.");
  }

  @Test
  void someoneElsesPressIsAnsweredPrivatelyAtOnceEvenWhileTheWorkersAreBusy() throws Exception {
    bot.with("BOT_WORKER_THREADS", "1").start();
    FakeUser ada = bot.linkedMember(310000000000000001L, "ada", 40);
    FakeUser bob = bot.discord.user(320000000000000002L, "bob");
    Reply card = bot.run(ada, "likes", "random");
    bot.spotify.setLatency(Duration.ofSeconds(2));
    FakeInteraction slow = send(ada, "count");

    FakeInteraction bobs = bot.discord.button(bob, card.raw(), anotherId(card));
    Reply answer = bobs.awaitReply(BotHarness.TIMEOUT);

    assertThat(answer.ephemeral()).isTrue();
    assertThat(answer.content()).contains("run /likes random yourself");
    assertThat(bobs.calls()).hasSize(1);
    assertThat(bobs.calls().get(0).body().path("type").asInt())
        .as("the answer itself, never a public thinking first")
        .isEqualTo(4);
    slow.awaitReply(BotHarness.TIMEOUT);
    assertThat(slow.answerOrder()).isGreaterThan(bobs.answerOrder());
  }

  @Test
  void aStopAnswersQueuedAndHeldCallsRestartingAndFinishesTheOneInFlight() throws Exception {
    bot.with("BOT_WORKER_THREADS", "1").with("LIKES_LIMIT_BURST", "3").start();
    FakeUser ada = bot.linkedMember(310000000000000001L, "ada", 40);
    Reply card = bot.run(ada, "likes", "random");
    bot.spotify.setLatency(Duration.ofSeconds(2));
    FakeInteraction inFlight = send(ada, "count");
    FakeInteraction queued = click(ada, card);
    FakeInteraction held = send(ada, "list");

    bot.app.close();

    assertThat(inFlight.awaitReply(BotHarness.TIMEOUT).content())
        .isEqualTo("You have 40 liked songs.");
    for (FakeInteraction call : List.of(queued, held)) {
      Reply reply = call.awaitReply(BotHarness.TIMEOUT);
      assertThat(reply.content()).isEqualTo(RESTARTING);
      assertThat(reply.ephemeral()).isTrue();
    }
  }
}

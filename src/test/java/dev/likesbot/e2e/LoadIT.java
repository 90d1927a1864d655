package dev.likesbot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.fake.discord.FakeInteraction;
import dev.likesbot.fake.discord.FakeUser;
import dev.likesbot.fake.discord.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Many members at once: every command is acknowledged in Discord's window and answered. */
class LoadIT {
  private static final Logger log = LoggerFactory.getLogger(LoadIT.class);
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path dir;

  private static List<FakeUser> link(BotHarness bot, int members) throws Exception {
    List<FakeUser> users = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      users.add(bot.linkedMember(500000000000000000L + i, "member-" + i, 100 + i * 37));
    }
    return users;
  }

  private static Duration percentile(List<Duration> sorted, double p) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
  }

  @Test
  void twoHundredConcurrentCommandsFromFiftyMembersAreAllAnswered() throws Exception {
    try (BotHarness bot = new BotHarness(dir).start()) {
      List<FakeUser> members = link(bot, 50);
      bot.spotify.setLatency(Duration.ofMillis(50));

      List<FakeInteraction> calls = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        calls.add(
            bot.discord.slashCommand(
                members.get(i % 50), "likes", i % 2 == 0 ? "count" : "random", Map.of()));
      }

      List<Duration> acks = new ArrayList<>();
      List<Duration> replies = new ArrayList<>();
      for (FakeInteraction call : calls) {
        Reply reply = call.awaitReply(PATIENCE);
        assertThat(reply.ephemeral()).as("answered, not turned away: %s", reply).isFalse();
        acks.add(call.ackLatency());
        replies.add(call.replyLatency());
      }
      acks.sort(null);
      replies.sort(null);
      // Figures for the report, not assertions: the fake Discord itself fails any ack after 3 s.
      log.info(
          "Load: 200 commands from 50 members, Spotify latency 50 ms: ack p50 {} ms, p95 {} ms;"
              + " reply p50 {} ms, p95 {} ms",
          percentile(acks, 0.50).toMillis(),
          percentile(acks, 0.95).toMillis(),
          percentile(replies, 0.50).toMillis(),
          percentile(replies, 0.95).toMillis());
      assertThat(calls).allSatisfy(c -> assertThat(c.acknowledged()).isTrue());
    }
  }

  @Test
  void aFullQueueTurnsCommandsAwayAtOnceInsteadOfDroppingThem() throws Exception {
    try (BotHarness bot =
        new BotHarness(dir).with("BOT_WORKER_THREADS", "1").with("BOT_WORKER_QUEUE", "2").start()) {
      List<FakeUser> members = link(bot, 8);
      bot.spotify.setLatency(Duration.ofMillis(300));

      List<FakeInteraction> calls = new ArrayList<>();
      for (FakeUser member : members) {
        calls.add(bot.discord.slashCommand(member, "likes", "count", Map.of()));
      }

      List<String> answers = new ArrayList<>();
      for (FakeInteraction call : calls) {
        answers.add(call.awaitReply(PATIENCE).content());
      }
      assertThat(answers).filteredOn(a -> a.startsWith("You have")).hasSizeBetween(1, 7);
      assertThat(answers)
          .filteredOn(a -> a.equals("The bot is busy right now — try again in a moment."))
          .hasSizeGreaterThanOrEqualTo(1);
      assertThat(answers)
          .allMatch(a -> a.startsWith("You have") || a.startsWith("The bot is busy"));
    }
  }
}

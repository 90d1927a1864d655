package dev.likesbot.likes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likesbot.discord.Reply;
import dev.likesbot.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The progress edits' pace, on injected time: at most one a second after the last one landed. */
class ProgressEditsTest {
  private final FakeTime time = new FakeTime(Instant.parse("2026-06-01T12:00:00Z"));
  private final List<String> sent = new ArrayList<>();
  private final List<CompletableFuture<Void>> inFlight = new ArrayList<>();
  private final List<Runnable> timers = new ArrayList<>();
  private final List<Duration> delays = new ArrayList<>();
  private final ProgressEdits edits =
      new ProgressEdits(
          reply -> {
            sent.add(reply.content());
            CompletableFuture<Void> done = new CompletableFuture<>();
            inFlight.add(done);
            return done;
          },
          time,
          (task, delay) -> {
            timers.add(task);
            delays.add(delay);
          });

  private void land() {
    inFlight.remove(0).complete(null);
  }

  private void fireTimer() {
    timers.remove(0).run();
  }

  @Test
  void theFirstProgressShowsAtOnceAndLaterOnesWaitForTheSecondAfterTheLastLanded() {
    edits.show(Reply.publicly("a"));
    assertThat(sent).containsExactly("a");

    edits.show(Reply.publicly("b"));
    edits.show(Reply.publicly("c"));
    time.advance(Duration.ofMillis(300));
    land();
    assertThat(sent)
        .as("nothing while the last edit is younger than a second")
        .containsExactly("a");
    assertThat(delays).containsExactly(Duration.ofSeconds(1));

    time.advance(Duration.ofMillis(999));
    edits.show(Reply.publicly("d"));
    assertThat(sent).containsExactly("a");
    time.advance(Duration.ofMillis(1));
    fireTimer();

    assertThat(sent).as("what came meanwhile folds into one edit").containsExactly("a", "d");
  }

  @Test
  void anEditInFlightHoldsTheNextEvenAfterASecond() {
    edits.show(Reply.publicly("a"));
    time.advance(Duration.ofSeconds(5));
    edits.show(Reply.publicly("b"));

    assertThat(sent).containsExactly("a");
    land();
    time.advance(Duration.ofSeconds(1));
    fireTimer();
    assertThat(sent).containsExactly("a", "b");
  }

  @Test
  void nothingIsShownOnceClosed() {
    edits.show(Reply.publicly("a"));
    edits.show(Reply.publicly("b"));
    edits.close();
    time.advance(Duration.ofSeconds(2));
    land();

    assertThat(sent).containsExactly("a");
    assertThat(timers).isEmpty();
  }
}

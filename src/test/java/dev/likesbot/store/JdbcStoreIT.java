package dev.likesbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.likesbot.testing.FakeTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStoreIT {
  @TempDir Path dir;
  private final FakeTime time = new FakeTime();

  private String url() {
    return "jdbc:sqlite:" + dir.resolve("likes-bot.db");
  }

  private StoredLink link(String user) {
    return new StoredLink(
        user,
        "spotify-" + user,
        "Name " + user,
        "access-" + user,
        "refresh-" + user,
        Instant.parse("2026-11-28T13:00:00Z"),
        Instant.parse("2026-11-28T12:00:00Z"));
  }

  @Test
  void savesFindsReplacesAndDeletesLinks() {
    JdbcStore store = new JdbcStore(Database.open(url()), time);

    store.save(link("1"));
    assertThat(store.find("1")).contains(link("1"));

    StoredLink refreshed =
        link("1").withTokens("access-2", "refresh-2", Instant.parse("2026-11-28T14:00:00Z"));
    store.save(refreshed);
    assertThat(store.find("1")).contains(refreshed);

    assertThat(store.delete("1")).isTrue();
    assertThat(store.find("1")).isEmpty();
    assertThat(store.delete("1")).isFalse();
  }

  @Test
  void linksSurviveReopeningTheDatabase() {
    new JdbcStore(Database.open(url()), time).save(link("1"));

    assertThat(new JdbcStore(Database.open(url()), time).find("1")).contains(link("1"));
  }

  @Test
  void aPendingStateIsTakenOnlyOnce() {
    JdbcStore store = new JdbcStore(Database.open(url()), time);
    PendingLink pending =
        new PendingLink("state-1", "1", "verifier", time.instant().plusSeconds(600));
    store.put(pending);

    assertThat(store.take("state-1")).contains(pending);
    assertThat(store.take("state-1")).isEmpty();
    assertThat(store.take("never-issued")).isEmpty();
  }

  @Test
  void onlyAHashOfTheStateIsStored() throws Exception {
    JdbcStore store = new JdbcStore(Database.open(url()), time);
    store.put(new PendingLink("plain-state-value", "1", "v", time.instant().plusSeconds(600)));

    byte[] bytes = Files.readAllBytes(dir.resolve("likes-bot.db"));
    Path wal = dir.resolve("likes-bot.db-wal");
    String all =
        new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
            + (Files.exists(wal)
                ? Files.readString(wal, java.nio.charset.StandardCharsets.ISO_8859_1)
                : "");
    assertThat(all).doesNotContain("plain-state-value");
  }

  @Test
  void racingTakersOfOneStateHaveExactlyOneWinner() throws Exception {
    JdbcStore first = new JdbcStore(Database.open(url()), time);
    JdbcStore second = new JdbcStore(Database.open(url()), time);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int round = 0; round < 20; round++) {
      String state = "state-" + round;
      first.put(new PendingLink(state, "user-" + round, "v", time.instant().plusSeconds(600)));
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Optional<PendingLink>>> takes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        JdbcStore store = i % 2 == 0 ? first : second;
        takes.add(
            pool.submit(
                () -> {
                  go.await();
                  return store.take(state);
                }));
      }
      go.countDown();
      int winners = 0;
      for (Future<Optional<PendingLink>> take : takes) {
        winners += take.get().isPresent() ? 1 : 0;
      }
      assertThat(winners).as("round %d", round).isEqualTo(1);
    }
    pool.shutdown();
  }

  @Test
  void aNewStateReplacesTheMembersOlderOneAndSweepsExpiredOnes() {
    JdbcStore store = new JdbcStore(Database.open(url()), time);
    store.put(new PendingLink("old", "1", "v", time.instant().plusSeconds(600)));
    store.put(new PendingLink("other", "2", "v", time.instant().plusSeconds(60)));
    time.advance(Duration.ofMinutes(2));

    store.put(new PendingLink("new", "1", "v", time.instant().plusSeconds(600)));

    assertThat(store.take("old")).isEmpty();
    assertThat(store.take("other")).isEmpty();
    assertThat(store.take("new")).isPresent();
  }

  @Test
  void unlinkingAlsoDropsPendingStates() {
    JdbcStore store = new JdbcStore(Database.open(url()), time);
    store.save(link("1"));
    store.put(new PendingLink("s", "1", "v", time.instant().plusSeconds(600)));

    store.delete("1");

    assertThat(store.take("s")).isEmpty();
  }

  @Test
  void anUnopenableDatabaseNamesTheSettingAndTheFix() {
    String bad = "jdbc:sqlite:" + dir.resolve("missing-dir/sub/likes-bot.db");

    assertThatThrownBy(() -> Database.open(bad))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("store.url=" + bad)
        .hasMessageContaining("directory exists and is writable");
  }

  @Test
  void pingAnswersOnAWorkingStore() {
    JdbcStore store = new JdbcStore(Database.open(url()), time);

    org.assertj.core.api.Assertions.assertThatCode(store::ping).doesNotThrowAnyException();
  }
}

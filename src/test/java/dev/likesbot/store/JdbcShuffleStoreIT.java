package dev.likesbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.likesbot.config.BotConfig;
import dev.likesbot.testing.FakeTime;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcShuffleStoreIT {
  @TempDir Path dir;
  private Database database;
  private JdbcStore links;
  private JdbcShuffleStore shuffles;

  private final List<Database> opened = new ArrayList<>();

  private Database database() {
    Database db =
        Database.open(
            new BotConfig.Store(
                "jdbc:sqlite:" + dir.resolve("likes-bot.db"),
                "",
                Optional.empty(),
                Optional.empty(),
                dir.resolve("likes-bot.key")),
            new SecureRandom());
    opened.add(db);
    return db;
  }

  @AfterEach
  void close() {
    opened.forEach(Database::close);
  }

  @BeforeEach
  void open() {
    database = database();
    links = new JdbcStore(database, new FakeTime());
    shuffles = new JdbcShuffleStore(database);
    links.save(link("1"));
  }

  private static StoredLink link(String user) {
    return new StoredLink(
        user,
        "spotify-" + user,
        "Name " + user,
        "access",
        "refresh",
        Instant.parse("2026-11-28T13:00:00Z"),
        Instant.parse("2026-11-28T12:00:00Z"));
  }

  @Test
  void aWalkStartsWithTheFreshSeedAndThenAdvancesOnePositionPerCall() {
    assertThat(shuffles.next("1", 3, 77)).isEqualTo(new ShufflePosition(77, 0));
    assertThat(shuffles.next("1", 3, 88)).isEqualTo(new ShufflePosition(77, 1));
    assertThat(shuffles.next("1", 3, 99)).isEqualTo(new ShufflePosition(77, 2));
  }

  @Test
  void aUsedUpWalkStartsAgainWithANewSeed() {
    shuffles.next("1", 2, 1);
    shuffles.next("1", 2, 1);

    assertThat(shuffles.next("1", 2, 5)).isEqualTo(new ShufflePosition(5, 0));
    assertThat(shuffles.next("1", 2, 6)).isEqualTo(new ShufflePosition(5, 1));
  }

  @Test
  void aChangedTotalStartsANewWalk() {
    shuffles.next("1", 10, 1);
    shuffles.next("1", 10, 1);

    assertThat(shuffles.next("1", 11, 2)).isEqualTo(new ShufflePosition(2, 0));
  }

  @Test
  void theWalkSurvivesReopeningTheDatabase() {
    shuffles.next("1", 10, 1);

    JdbcShuffleStore reopened = new JdbcShuffleStore(database());

    assertThat(reopened.next("1", 10, 2)).isEqualTo(new ShufflePosition(1, 1));
  }

  @Test
  void unlinkingDeletesTheWalk() {
    shuffles.next("1", 10, 1);
    shuffles.next("1", 10, 1);

    links.delete("1");
    links.save(link("1"));

    assertThat(shuffles.next("1", 10, 3)).isEqualTo(new ShufflePosition(3, 0));
  }

  @Test
  void aMemberWithoutALinkHasNoWalk() {
    assertThatThrownBy(() -> shuffles.next("never-linked", 10, 1))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void concurrentCallsClaimDistinctPositions() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<ShufflePosition>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        long seed = i;
        calls.add(() -> shuffles.next("1", 1000, seed));
      }
      List<Integer> positions = new ArrayList<>();
      List<Long> seeds = new ArrayList<>();
      for (Future<ShufflePosition> f : pool.invokeAll(calls)) {
        positions.add(f.get().position());
        seeds.add(f.get().seed());
      }

      assertThat(positions).doesNotHaveDuplicates().hasSize(40);
      assertThat(seeds).containsOnly(seeds.get(positions.indexOf(0)));
    } finally {
      pool.shutdownNow();
    }
  }
}

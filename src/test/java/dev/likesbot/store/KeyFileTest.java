package dev.likesbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFileTest {
  private static final int ROUNDS = 200;
  private static final int STARTS = 4;

  @TempDir Path dir;

  @Test
  void firstStartsRacingOnOneKeyFileAllEndWithTheOneKeyOnDisk() throws Exception {
    ExecutorService starts = Executors.newFixedThreadPool(STARTS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        Path home = Files.createDirectory(dir.resolve("round-" + round));
        Path file = home.resolve("likes-bot.key");
        CountDownLatch ready = new CountDownLatch(STARTS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<byte[]>> keys = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
          keys.add(
              starts.submit(
                  () -> {
                    ready.countDown();
                    go.await();
                    return KeyFile.generate(file, new SecureRandom());
                  }));
        }
        ready.await();
        go.countDown();

        List<byte[]> used = new ArrayList<>();
        for (Future<byte[]> key : keys) {
          used.add(key.get());
        }

        byte[] onDisk = KeyFile.read(file);
        for (byte[] key : used) {
          assertThat(key).as("round %d: the key a start uses", round).isEqualTo(onDisk);
        }
        try (Stream<Path> files = Files.list(home)) {
          assertThat(files).as("round %d: no temporary file left", round).containsExactly(file);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
            .isEqualTo("rw-------");
      }
    } finally {
      starts.shutdownNow();
    }
  }

  @Test
  void aGeneratedKeyIsBase64Of32BytesReadBackAsWritten() {
    Path file = dir.resolve("likes-bot.key");

    byte[] key = KeyFile.generate(file, new SecureRandom());

    assertThat(key).hasSize(TokenCipher.KEY_BYTES);
    assertThat(KeyFile.read(file)).isEqualTo(key);
  }

  @Test
  void anExistingKeyFileIsNeverReplaced() throws Exception {
    Path file = dir.resolve("likes-bot.key");
    byte[] first = KeyFile.generate(file, new SecureRandom());

    byte[] second = KeyFile.generate(file, new SecureRandom());

    assertThat(second).isEqualTo(first);
    assertThat(KeyFile.read(file)).isEqualTo(first);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "c2VjcmV0LWtleS1vZi0zMi1ieXRl", "not a key at all!", "////"})
  void aTruncatedOrGarbledKeyFileIsNamedWithTheFixAndWithoutItsContent(String content)
      throws Exception {
    Path file = dir.resolve("likes-bot.key");
    Files.writeString(file, content, StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> KeyFile.read(file))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "the key file store.key-file="
                + file.toAbsolutePath()
                + " does not hold base64 of 32 bytes: restore it from your backup");
    assertThat(Files.readString(file)).as("left as it was").isEqualTo(content);
  }

  @Test
  void aGarbledKeyFileIsNotReplacedByANewKey() throws Exception {
    Path file = dir.resolve("likes-bot.key");
    Files.writeString(file, "truncated", StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> KeyFile.generate(file, new SecureRandom()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("does not hold base64 of 32 bytes");
    assertThat(Files.readString(file)).isEqualTo("truncated");
  }

  @Test
  void aTruncatedKeyFileStopsTheStoreFromOpening() throws Exception {
    Path file = dir.resolve("likes-bot.key");
    String whole = Base64.getEncoder().encodeToString(new byte[TokenCipher.KEY_BYTES]);
    Files.writeString(file, whole.substring(0, 30), StandardCharsets.US_ASCII);

    assertThatThrownBy(
            () ->
                Database.open(
                    new dev.likesbot.config.BotConfig.Store(
                        "jdbc:sqlite:" + dir.resolve("likes-bot.db"),
                        "",
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        file),
                    new SecureRandom()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("store.key-file=" + file.toAbsolutePath())
        .hasMessageContaining("restore it from your backup")
        .hasMessageNotContaining(whole.substring(0, 30));
  }
}

package dev.likesbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two first starts are two processes, not two threads: each round races two JVMs on one key-file
 * path, released together by a go file, and every start must end with the one key on disk.
 */
class KeyFileProcessesIT {
  private static final int ROUNDS = 8;
  private static final String PRINTED = "key sha-256: ";

  @TempDir Path dir;

  @Test
  void twoProcessesStartingFirstOnOneKeyFileBothUseTheOneKeyOnDisk() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      // GIVEN two fresh JVMs polling for the go file, and no key file yet
      Path home = Files.createDirectory(dir.resolve("round-" + round));
      Path keyFile = home.resolve("likes-bot.key");
      Path go = home.resolve("go");
      List<Process> starts = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        starts.add(start(go, home.resolve("ready-" + i), keyFile, home.resolve("out-" + i)));
      }
      for (int i = 0; i < 2; i++) { // both polling, so one go file releases them together
        while (!Files.exists(home.resolve("ready-" + i)) && starts.get(i).isAlive()) {
          Thread.sleep(1);
        }
      }

      // WHEN both are released at once
      Files.createFile(go);

      // THEN both ran and printed the fingerprint of the key now on disk
      List<String> outputs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Process start = starts.get(i);
        assertThat(start.waitFor(60, TimeUnit.SECONDS))
            .as("round %d: start %d ends", round, i)
            .isTrue();
        String out = Files.readString(home.resolve("out-" + i), StandardCharsets.UTF_8);
        assertThat(start.exitValue())
            .as("round %d: start %d exit, output:%n%s", round, i, out)
            .isZero();
        outputs.add(out);
      }
      String onDisk = PRINTED + FirstStart.fingerprint(KeyFile.read(keyFile));
      for (String out : outputs) {
        assertThat(out.lines().filter(line -> line.startsWith(PRINTED)))
            .as("round %d: the key each start uses, output:%n%s", round, out)
            .containsExactly(onDisk);
      }
    }
  }

  private static Process start(Path go, Path ready, Path keyFile, Path out) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1", // starts faster; these JVMs live for one key
            "-cp",
            System.getProperty("java.class.path"),
            FirstStart.class.getName(),
            go.toString(),
            ready.toString(),
            keyFile.toString())
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .start();
  }

  /** One first start in its own JVM: takes the key as StoreKey.unlock does, prints its SHA-256. */
  static final class FirstStart {
    public static void main(String[] args) throws Exception {
      Path go = Path.of(args[0]);
      Files.createFile(Path.of(args[1]));
      while (!Files.exists(go)) {
        Thread.sleep(1);
      }
      Path keyFile = Path.of(args[2]).toAbsolutePath();
      // StoreKey.unlock's choice without a configured key (it hands out only a cipher, so the
      // two lines are repeated here): a start that sees the file reads it, else generates
      byte[] key =
          Files.exists(keyFile)
              ? KeyFile.read(keyFile)
              : KeyFile.generate(keyFile, new SecureRandom());
      System.out.println(
          PRINTED + fingerprint(key)); // the answer to the test; a hash, never the key
    }

    static String fingerprint(byte[] key) {
      return HexFormat.of().formatHex(Sha256.of(Base64.getEncoder().encodeToString(key)));
    }
  }
}

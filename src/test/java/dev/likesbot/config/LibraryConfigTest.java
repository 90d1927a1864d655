package dev.likesbot.config;

import static dev.likesbot.config.ConfigFixture.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library.* keys of whole-library reads. */
class LibraryConfigTest {
  @TempDir Path dir;

  private BotConfig.Library load(String properties, Map<String, String> env) throws IOException {
    return ConfigFixture.load(dir, properties, env).library();
  }

  @Test
  void byDefaultABurstOf250PagesThen10ASecondAndSixtyFourMebibytesOfSnapshots() throws IOException {
    assertThat(load("", required()))
        .isEqualTo(new BotConfig.Library(10, 250, 16, 10, 16L * 1024 * 1024));
  }

  @Test
  void readsTheKeysFromTheFileAndTheEnvironment() throws IOException {
    Map<String, String> env = required();
    env.put("LIBRARY_SNAPSHOT_BUDGET_MIB", "0");

    BotConfig.Library library =
        load(
            "library.read-requests-per-second=3\nlibrary.read-burst=0\n"
                + "library.max-concurrent-pages=2\nlibrary.reads-per-hour=1\n",
            env);

    assertThat(library).isEqualTo(new BotConfig.Library(3, 0, 2, 1, 0));
  }

  @Test
  void namesEveryBadKeyWithItsEnvironmentVariableAndRange() {
    Map<String, String> env = required();
    env.put("LIBRARY_MAX_CONCURRENT_PAGES", "64");

    assertThatThrownBy(
            () -> load("library.read-requests-per-second=0\nlibrary.reads-per-hour=x\n", env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "library.read-requests-per-second (env LIBRARY_READ_REQUESTS_PER_SECOND) is '0'")
        .hasMessageContaining("library.max-concurrent-pages (env LIBRARY_MAX_CONCURRENT_PAGES)")
        .hasMessageContaining("from 1 to 32")
        .hasMessageContaining("library.reads-per-hour (env LIBRARY_READS_PER_HOUR) is 'x'");
  }
}

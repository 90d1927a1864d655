package dev.likesbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A configuration as an operator gives it: a bot.properties file and the environment over it. */
final class ConfigFixture {
  private ConfigFixture() {}

  /** The four keys every configuration needs, as environment variables, in a map to add to. */
  static Map<String, String> required() {
    Map<String, String> env = new HashMap<>();
    env.put("DISCORD_TOKEN", "discord-secret-token");
    env.put("SPOTIFY_CLIENT_ID", "client-id");
    env.put("SPOTIFY_CLIENT_SECRET", "client-secret-value");
    env.put("SPOTIFY_REDIRECT_URI", "http://127.0.0.1:8080/callback");
    return env;
  }

  /** Writes {@code properties} to bot.properties in {@code dir} and loads it under {@code env}. */
  static BotConfig load(Path dir, String properties, Map<String, String> env) throws IOException {
    Path file = dir.resolve("bot.properties");
    Files.writeString(file, properties);
    return BotConfig.load(file, true, env);
  }

  /** The exception an empty bot.properties under {@code env} is rejected with. */
  static ConfigException rejected(Path dir, Map<String, String> env) {
    Throwable thrown = catchThrowable(() -> load(dir, "", env));
    assertThat(thrown).isInstanceOf(ConfigException.class);
    return (ConfigException) thrown;
  }
}

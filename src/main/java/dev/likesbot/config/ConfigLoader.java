package dev.likesbot.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/** Reads the file and the environment into a {@link BotConfig}, or one list of every problem. */
final class ConfigLoader {
  private ConfigLoader() {}

  static BotConfig load(Path file, boolean fileRequired, Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Properties props = read(file, fileRequired, problems);
    Set<String> unknown = new TreeSet<>(props.stringPropertyNames());
    unknown.removeAll(KeyDefaults.DEFAULTS.keySet());
    for (String key : unknown) {
      problems.add(
          "unknown key '" + key + "' in " + file + ": remove it or fix its spelling" + hint(key));
    }

    // Area by area in the order of bot.properties.example, so the problems read in that order.
    KeyReader in = new KeyReader(props, env, problems);
    BotConfig.Discord discord = DiscordKeys.read(in);
    BotConfig.Spotify spotify = SpotifyKeys.read(in);
    BotConfig.Web web = WebKeys.read(in, spotify.redirectUri());
    BotConfig.Store store = StoreKeys.read(in);
    BotConfig.Likes likes = LikesKeys.read(in);
    BotConfig.Log log = LogKeys.read(in);
    BotConfig.Library library = LibraryKeys.read(in);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new BotConfig(discord, spotify, web, store, likes, log, library);
  }

  private static Properties read(Path file, boolean fileRequired, List<String> problems) {
    Properties props = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(in);
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigException(
            List.of("cannot read " + file + ": " + e.getMessage() + " (fix the file's syntax)"));
      }
    } else if (fileRequired) {
      problems.add(
          "configuration file "
              + file.toAbsolutePath()
              + " does not exist: copy bot.properties.example there and fill it in");
    }
    return props;
  }

  /** A known key with the same lower-case letters (a dash or dot missed or misplaced), if any. */
  private static String hint(String key) {
    String bare = key.replaceAll("[^a-z]", "");
    return KeyDefaults.DEFAULTS.keySet().stream()
        .filter(k -> k.replaceAll("[^a-z]", "").equals(bare))
        .findFirst()
        .map(k -> " (did you mean " + k + "?)")
        .orElse(" (known keys are listed in bot.properties.example)");
  }
}

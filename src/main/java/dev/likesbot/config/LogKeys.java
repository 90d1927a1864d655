package dev.likesbot.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code log.*} keys: text or JSON lines, the root level, and levels per package. */
final class LogKeys {
  private static final Pattern LOGGER_NAME =
      Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");
  private static final Set<String> LEVELS =
      Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  private LogKeys() {}

  static BotConfig.Log read(KeyReader in) {
    String format = in.raw("log.format").toLowerCase(Locale.ROOT);
    if (!format.equals("text") && !format.equals("json")) {
      in.problem(
          "log.format",
          "is '"
              + in.raw("log.format")
              + "': use text (readable lines) or json (one JSON object per line)");
    }
    String root = level(in, "log.level", in.raw("log.level"));
    return new BotConfig.Log(format.equals("json"), root, levels(in));
  }

  /** {@code log.levels}: comma-separated {@code package=LEVEL} pairs. */
  private static Map<String, String> levels(KeyReader in) {
    Map<String, String> levels = new LinkedHashMap<>();
    String list = in.raw("log.levels");
    if (list.isEmpty()) {
      return Map.of();
    }
    for (String entry : list.split(",")) {
      String[] parts = entry.strip().split("=", -1);
      if (parts.length != 2
          || !LOGGER_NAME.matcher(parts[0].strip()).matches()
          || parts[1].isBlank()) {
        in.problem(
            "log.levels",
            "has '"
                + entry.strip()
                + "': use comma-separated package=LEVEL pairs such as"
                + " dev.likesbot=DEBUG,org.eclipse.jetty=INFO");
        continue;
      }
      String logger = parts[0].strip();
      String level = level(in, "log.levels", parts[1]);
      if ((logger.equals("se") || logger.startsWith("se.michaelthelin"))
          && List.of("TRACE", "DEBUG", "INFO").contains(level)) {
        in.problem(
            "log.levels",
            "sets "
                + logger
                + "="
                + level
                + ": the Spotify library logs access tokens below WARN, so it stays at WARN;"
                + " remove that entry");
        continue;
      }
      levels.put(logger, level);
    }
    return Map.copyOf(levels);
  }

  private static String level(KeyReader in, String key, String value) {
    String level = value.strip().toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(level)) {
      in.problem(
          key,
          "has level '" + value.strip() + "': use one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
      return "INFO";
    }
    return level;
  }
}

package dev.likesbot.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads one key at a time (its environment variable, else the file, else its default) and collects
 * every problem, named with the key and its variable, instead of stopping at the first.
 */
final class KeyReader {
  private final Properties file;
  private final Map<String, String> env;
  private final List<String> problems;

  KeyReader(Properties file, Map<String, String> env, List<String> problems) {
    this.file = file;
    this.env = env;
    this.problems = problems;
  }

  /** The value, stripped; empty when neither set nor defaulted. */
  String raw(String key) {
    String value = env.get(BotConfig.envName(key));
    if (value == null) {
      value = file.getProperty(key);
    }
    if (value == null) {
      value = KeyDefaults.DEFAULTS.get(key);
    }
    return value == null ? "" : value.strip();
  }

  /** Whether the operator set {@code key}, in the environment or the file. */
  boolean given(String key) {
    return env.get(BotConfig.envName(key)) != null || file.getProperty(key) != null;
  }

  /** Records that {@code key} is wrong; {@code text} says how and names the fix. */
  void problem(String key, String text) {
    problems.add(key + " (env " + BotConfig.envName(key) + ") " + text);
  }

  String required(String key, String what) {
    String value = raw(key);
    if (value.isEmpty()) {
      problem(key, "is missing: set it to " + what);
    }
    return value;
  }

  /** A required secret; {@code null} when missing (and reported). */
  Secret secret(String key, String what) {
    String value = required(key, what);
    return value.isEmpty() ? null : new Secret(value);
  }

  /** An optional secret: empty text means none. */
  static Optional<Secret> optionalSecret(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(new Secret(value));
  }

  int integer(String key, int min, int max) {
    String value = raw(key);
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problem(key, "is '" + value + "': use a whole number from " + min + " to " + max);
    return min;
  }

  boolean bool(String key) {
    String value = raw(key).toLowerCase(Locale.ROOT);
    if (!value.equals("true") && !value.equals("false")) {
      problem(key, "is '" + raw(key) + "': use true or false");
    }
    return !value.equals("false");
  }

  /** An absolute URL in one of {@code schemes}; the problem quotes the default as an example. */
  URI url(String key, String... schemes) {
    String value = raw(key);
    URI uri = parseAbsolute(value);
    if (uri == null || !List.of(schemes).contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
      problem(
          key,
          "is '"
              + value
              + "': use an absolute "
              + String.join(" or ", schemes)
              + " URL such as "
              + KeyDefaults.DEFAULTS.get(key));
    }
    return uri;
  }

  /** {@code value} as an absolute URI with a host, else {@code null}. */
  static URI parseAbsolute(String value) {
    try {
      URI uri = new URI(value);
      return uri.isAbsolute() && uri.getHost() != null ? uri : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}

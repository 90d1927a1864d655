package dev.likesbot.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The launch settings we ship, read from the Dockerfile itself so the jar tests and the benchmark
 * run what an operator runs: the JVM flags between {@code java} and {@code -jar} in the exec-form
 * {@code ENTRYPOINT}, and the {@code MALLOC_*} variables its {@code ENV} sets.
 */
public record LaunchFlags(List<String> jvmFlags, Map<String, String> mallocEnv) {
  public static final Path DOCKERFILE = Path.of("Dockerfile");

  public LaunchFlags {
    jvmFlags = List.copyOf(jvmFlags);
    mallocEnv = Map.copyOf(mallocEnv);
  }

  public static LaunchFlags shipped() {
    try {
      return parse(Files.readString(DOCKERFILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The flags of the last exec-form ENTRYPOINT and the MALLOC_* of every ENV line. */
  public static LaunchFlags parse(String dockerfile) {
    List<String> entrypoint = null;
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : dockerfile.replace("\\\n", " ").split("\n")) {
      String l = line.strip();
      if (l.startsWith("ENTRYPOINT ")) {
        entrypoint = jsonArray(l.substring("ENTRYPOINT ".length()).strip());
      } else if (l.startsWith("ENV ")) {
        for (String pair : l.substring("ENV ".length()).strip().split("\\s+")) {
          int eq = pair.indexOf('=');
          if (eq > 0 && pair.startsWith("MALLOC_")) {
            env.put(pair.substring(0, eq), pair.substring(eq + 1));
          }
        }
      }
    }
    if (entrypoint == null || entrypoint.isEmpty() || !entrypoint.get(0).equals("java")) {
      throw new IllegalStateException("no exec-form ENTRYPOINT [\"java\", ...] in the Dockerfile");
    }
    int jar = entrypoint.indexOf("-jar");
    if (jar < 0) {
      throw new IllegalStateException("the ENTRYPOINT runs no -jar: " + entrypoint);
    }
    return new LaunchFlags(entrypoint.subList(1, jar), env);
  }

  private static List<String> jsonArray(String text) {
    try {
      JsonNode array = new ObjectMapper().readTree(text);
      List<String> values = new ArrayList<>();
      array.forEach(v -> values.add(v.asText()));
      return values;
    } catch (IOException e) {
      throw new IllegalStateException("ENTRYPOINT is not in exec form: " + text, e);
    }
  }
}

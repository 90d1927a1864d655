package dev.likesbot.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the packaged jar as an operator would: {@code java <the shipped flags> -jar}, with the
 * Dockerfile's MALLOC_* variables, configured by environment.
 */
public final class JarProcess {
  public static final Path JAR = Path.of("target", "likes-bot.jar");

  /** Inherited variables that would configure the bot (or its locale) behind the test's back. */
  private static final List<String> INHERITED_PREFIXES =
      List.of("DISCORD_", "SPOTIFY_", "WEB_", "STORE_", "LIKES_", "LOG_", "BOT_", "LC_");

  private JarProcess() {}

  /** Runs the jar in {@code workDir} with only {@code env} as its configuration; output to log. */
  public static Process start(Path workDir, Path log, Map<String, String> env, String... args)
      throws IOException {
    return start(List.of(), workDir, log, env, args);
  }

  /** As {@link #start(Path, Path, Map, String...)}, with {@code extraJvmFlags} after ours. */
  public static Process start(
      List<String> extraJvmFlags, Path workDir, Path log, Map<String, String> env, String... args)
      throws IOException {
    LaunchFlags shipped = LaunchFlags.shipped();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(shipped.jvmFlags());
    command.addAll(extraJvmFlags);
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.equals("LANG") || INHERITED_PREFIXES.stream().anyMatch(k::startsWith));
    builder.environment().putAll(shipped.mallocEnv());
    builder.environment().putAll(env);
    return builder.start();
  }
}

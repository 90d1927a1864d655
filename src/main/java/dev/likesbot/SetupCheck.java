package dev.likesbot;

import dev.likesbot.check.Check;
import dev.likesbot.config.BotConfig;
import dev.likesbot.config.ConfigException;
import dev.likesbot.discord.DiscordSetupCheck;
import dev.likesbot.spotify.webapi.SpotifySetupCheck;
import dev.likesbot.store.Database;
import dev.likesbot.store.StoreException;
import dev.likesbot.web.WebSetupCheck;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --check}: validates the configuration, then each outside dependency the way the bot will
 * use it, and prints a checklist with the fix for every failure.
 */
final class SetupCheck {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  private static final Duration DISCORD_TIMEOUT = Duration.ofSeconds(10);

  private SetupCheck() {}

  /** Runs every check it can and prints them to {@code out}; returns the process exit code. */
  static int run(
      Path file,
      boolean fileRequired,
      Map<String, String> env,
      PrintStream out,
      InstantSource clock) {
    out.println("likes-bot setup check of " + file.toAbsolutePath());
    List<Check> checks = new ArrayList<>();
    BotConfig config;
    try {
      config = BotConfig.load(file, fileRequired, env);
      checks.add(Check.passed("Configuration", "every key is valid"));
    } catch (ConfigException e) {
      for (String problem : e.problems()) {
        checks.add(Check.failed("Configuration", problem, "see bot.properties.example"));
      }
      print(checks, out);
      out.println("Fix the configuration first; the other checks need it.");
      return EXIT_FAILED;
    }
    checks.add(store(config.store()));
    checks.addAll(new DiscordSetupCheck(config.discord(), DISCORD_TIMEOUT).run());
    checks.add(new SpotifySetupCheck(config.spotify(), clock).run());
    checks.add(WebSetupCheck.redirectUri(config.spotify().redirectUri(), config.web()));
    checks.add(WebSetupCheck.port(config.web()));
    return print(checks, out);
  }

  private static Check store(BotConfig.Store store) {
    String subject = "Store (store.url)";
    try (Database database = Database.open(store, new SecureRandom())) {
      return Check.passed(
          subject,
          "opened "
              + store.safeUrl()
              + ", brought its schema up to date and unlocked its encryption key");
    } catch (StoreException e) {
      return Check.failed(
          subject,
          e.getMessage(),
          "the database's directory must exist and be writable by the bot's user, and the"
              + " encryption key must be the database's own");
    }
  }

  private static int print(List<Check> checks, PrintStream out) {
    long failed = checks.stream().filter(c -> !c.passed()).count();
    for (Check check : checks) {
      out.println((check.passed() ? "✔ " : "✘ ") + check.subject() + ": " + check.finding());
      if (!check.passed()) {
        out.println("    fix: " + check.fix());
      }
    }
    if (failed == 0) {
      out.println("All " + checks.size() + " checks passed.");
      return EXIT_OK;
    }
    out.println(failed + " of " + checks.size() + " checks failed.");
    return EXIT_FAILED;
  }
}

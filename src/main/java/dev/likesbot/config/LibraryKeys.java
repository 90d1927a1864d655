package dev.likesbot.config;

/** The {@code library.*} keys: how fast whole-library reads go and what they keep. */
final class LibraryKeys {
  private LibraryKeys() {}

  static BotConfig.Library read(KeyReader in) {
    int perSecond = in.integer("library.read-requests-per-second", 1, 100);
    int burst = in.integer("library.read-burst", 0, 10_000);
    int concurrent = in.integer("library.max-concurrent-pages", 1, 32);
    int perHour = in.integer("library.reads-per-hour", 1, 1_000);
    int mib = in.integer("library.snapshot-budget-mib", 0, 4_096);
    return new BotConfig.Library(perSecond, burst, concurrent, perHour, mib * 1024L * 1024L);
  }
}

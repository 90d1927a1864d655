package dev.likesbot.likes;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.likesbot.config.BotConfig;
import dev.likesbot.discord.DirectMessenger;
import dev.likesbot.library.LibraryReader;
import dev.likesbot.spotify.SpotifyLibrary;
import dev.likesbot.tokens.MemberTokens;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads and objects behind /likes stats and /likes export, built and stopped together. A read
 * waits on its own threads: one coordinator per read in flight and an app-wide pool of page threads
 * as large as one read's concurrency, so the command workers stay free for everyone's /likes
 * random.
 */
public final class LibraryReads implements AutoCloseable {
  private final ExecutorService coordinators;
  private final ExecutorService pages;
  private final ScheduledExecutorService timer;
  private final LibraryReader reader;
  private final LikesStats stats;
  private final LikesExport export;

  private LibraryReads(
      ExecutorService coordinators,
      ExecutorService pages,
      ScheduledExecutorService timer,
      LibraryReader reader,
      LikesStats stats,
      LikesExport export) {
    this.coordinators = coordinators;
    this.pages = pages;
    this.timer = timer;
    this.reader = reader;
    this.stats = stats;
    this.export = export;
  }

  /**
   * Reads through the member's tokens; a link forgotten or replaced drops their snapshot. Exports
   * go to the member's DMs through {@code dms}.
   */
  public static LibraryReads start(
      BotConfig.Library config,
      MemberTokens tokens,
      SpotifyLibrary spotify,
      DirectMessenger dms,
      InstantSource clock,
      Ticker ticker) {
    ExecutorService coordinators = Executors.newCachedThreadPool(daemons("library-read-"));
    ExecutorService pages =
        Executors.newFixedThreadPool(config.maxConcurrentPages(), daemons("library-page-"));
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(daemons("library-progress-"));
    LibraryReader reader =
        new LibraryReader(
            (member, offset, limit) ->
                tokens.call(member, token -> spotify.savedTracks(token, offset, limit)),
            new LibraryReader.Settings(
                config.requestsPerSecond(),
                config.burst(),
                config.maxConcurrentPages(),
                config.readsPerHour(),
                config.snapshotBudgetBytes()),
            coordinators,
            pages,
            clock,
            ticker,
            d -> TimeUnit.NANOSECONDS.sleep(Math.max(0, d.toNanos())));
    tokens.whenForgotten(reader::forget);
    return new LibraryReads(
        coordinators,
        pages,
        timer,
        reader,
        new LikesStats(reader, clock, timer),
        new LikesExport(
            reader,
            dms,
            clock,
            timer,
            UploadParts.DISCORD_LIMIT,
            Path.of(System.getProperty("java.io.tmpdir"))));
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  public LikesStats stats() {
    return stats;
  }

  public LikesExport export() {
    return export;
  }

  /** The reader, for tests that check what is kept. */
  public LibraryReader reader() {
    return reader;
  }

  /**
   * Abandons the reads in flight (their members are told the bot is restarting) and deletes the
   * exports' temporary files.
   */
  @Override
  public void close() {
    reader.stop();
    coordinators.shutdownNow();
    pages.shutdownNow();
    timer.shutdownNow();
    export.close();
  }
}

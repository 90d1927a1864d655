package dev.likesbot.likes;

import dev.likesbot.discord.CommandCall;
import dev.likesbot.discord.Markdown;
import dev.likesbot.discord.MessageLimits;
import dev.likesbot.discord.Reply;
import dev.likesbot.library.LibraryReader;
import dev.likesbot.library.LibraryStats;
import dev.likesbot.library.ReadListener;
import dev.likesbot.library.ReadProgress;
import dev.likesbot.library.ReadStopped;
import dev.likesbot.library.StatsChart;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * /likes stats: reads the whole library through the {@link LibraryReader} (on its threads, not the
 * command workers'), shows the progress in the deferred reply, then answers with the totals, the
 * top artists and albums, and the chart. Its texts are the constants below.
 */
public final class LikesStats {
  static final String READING = "Reading your liked songs…";
  static final String WAITING = "Spotify asked us to wait %d s.";
  static final String TITLE = "Your Liked Songs in numbers";
  static final String TOP_ARTISTS = "Top artists";
  static final String TOP_ALBUMS = "Top albums";
  static final String NONE = "None yet";
  static final String EMPTY = "Your Liked Songs are empty — like a few songs on Spotify first.";
  static final String HOURLY_LIMIT =
      "You've read your whole library as often as the bot allows in an hour — try again %s.";
  static final String SPOTIFY_WAIT =
      "Spotify asked us to wait longer than Discord lets a command run — try again %s.";
  static final String QUOTA = "Spotify's request limit for this bot is used up — try again %s.";
  static final String RESTARTING = "The bot is restarting — try again in a moment.";
  static final String CHART_FILE = "liked-songs.png";
  static final int BAR_CELLS = 10;

  private final LibraryReader reader;
  private final InstantSource clock;
  private final ScheduledExecutorService timer;

  /**
   * @param timer sends a progress edit that had to wait for its second
   */
  public LikesStats(LibraryReader reader, InstantSource clock, ScheduledExecutorService timer) {
    this.reader = reader;
    this.clock = clock;
    this.timer = timer;
  }

  /** Starts the read and returns at once; the answer follows when the read ends. */
  CompletionStage<?> answer(CommandCall call, Reply.Embed.Author whose, boolean ephemeral) {
    ProgressEdits edits = new ProgressEdits(call::progress, clock, ProgressEdits.Later.on(timer));
    ReadListener listener = new ShownProgress(edits, ephemeral);
    return reader
        .read(call.userId(), listener)
        .handle(
            (snapshot, failure) -> {
              edits.close();
              if (failure != null) {
                Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                if (cause instanceof ReadStopped stopped) {
                  call.reply(Reply.privately(stopped(stopped)));
                  return null;
                }
                throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
              }
              if (snapshot.songs().isEmpty()) {
                call.reply(Reply.privately(EMPTY));
                return null;
              }
              LibraryStats stats = LibraryStats.of(snapshot.songs(), clock.instant());
              call.reply(reply(stats, whose, ephemeral));
              return null;
            });
  }

  /**
   * Feeds the edits, keeping Spotify's "wait" on screen until a second after the wait ended, so the
   * pages still arriving meanwhile cannot fold it away before an edit shows it.
   */
  private final class ShownProgress implements ReadListener {
    private final ProgressEdits edits;
    private final boolean ephemeral;
    private Optional<Duration> wait = Optional.empty();
    private Instant waitEnds = Instant.MIN;

    ShownProgress(ProgressEdits edits, boolean ephemeral) {
      this.edits = edits;
      this.ephemeral = ephemeral;
    }

    @Override
    public synchronized void progress(ReadProgress p) {
      Instant now = clock.instant();
      if (p.spotifyWait().isPresent()) {
        wait = p.spotifyWait();
        waitEnds = now.plus(wait.get()).plus(ProgressEdits.EVERY);
      } else if (now.isAfter(waitEnds)) {
        wait = Optional.empty();
      }
      ReadProgress shown = new ReadProgress(p.read(), p.total(), wait);
      edits.show(Reply.publicly(LikesStats.progress(shown)).asEphemeral(ephemeral));
    }
  }

  static String progress(ReadProgress p) {
    int total = Math.max(p.total(), p.read());
    int filled = total == 0 ? 0 : (int) ((long) p.read() * BAR_CELLS / total);
    String line =
        READING
            + " "
            + "▰".repeat(filled)
            + "▱".repeat(BAR_CELLS - filled)
            + " "
            + number(p.read())
            + " / "
            + (p.total() < 0 ? "…" : number(total));
    return p.spotifyWait()
        .map(wait -> line + "\n" + String.format(Locale.ROOT, WAITING, seconds(wait)))
        .orElse(line);
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }

  static String stopped(ReadStopped stopped) {
    String when = "<t:" + stopped.tryAgainAt().getEpochSecond() + ":R>";
    return switch (stopped.reason()) {
      case HOURLY_LIMIT -> String.format(Locale.ROOT, HOURLY_LIMIT, when);
      case SPOTIFY_WAIT -> String.format(Locale.ROOT, SPOTIFY_WAIT, when);
      case QUOTA -> String.format(Locale.ROOT, QUOTA, when);
      case STOPPING -> RESTARTING;
    };
  }

  static Reply reply(LibraryStats stats, Reply.Embed.Author whose, boolean ephemeral) {
    Reply.Embed embed =
        new Reply.Embed(TITLE, Optional.empty(), totals(stats), Optional.empty())
            .withAuthor(whose)
            .withField(TOP_ARTISTS, ranking(stats.topArtists(), false), true)
            .withField(TOP_ALBUMS, ranking(stats.topAlbums(), true), true);
    return Reply.publicly("")
        .asEphemeral(ephemeral)
        .withEmbed(embed)
        .withFile(
            new Reply.Attachment(CHART_FILE, StatsChart.png(stats), StatsChart.altText(stats)));
  }

  static String totals(LibraryStats stats) {
    StringBuilder text = new StringBuilder();
    text.append("**")
        .append(number(stats.songs()))
        .append("** songs · **")
        .append(playingTime(stats.playingTime()))
        .append("** of music\n**")
        .append(number(stats.distinctArtists()))
        .append("** artists · **")
        .append(number(stats.distinctAlbums()))
        .append("** albums\n");
    if (stats.firstLike().isPresent() && stats.latestLike().isPresent()) {
      text.append("First like ")
          .append(date(stats.firstLike().get()))
          .append(" · latest ")
          .append(date(stats.latestLike().get()))
          .append('\n');
    }
    text.append("**").append(Math.round(stats.explicitShare() * 100)).append("%** explicit");
    return text.toString();
  }

  /** Ten lines at most, each name cut so the field stays within Discord's 1024 characters. */
  static String ranking(List<LibraryStats.Count> counts, boolean albums) {
    if (counts.isEmpty()) {
      return NONE;
    }
    StringBuilder text = new StringBuilder();
    int place = 1;
    for (LibraryStats.Count c : counts) {
      String name = Markdown.escape(MessageLimits.shorten(c.name(), 40));
      if (albums && !c.by().isEmpty()) {
        name += " — " + Markdown.escape(MessageLimits.shorten(c.by(), 25));
      }
      text.append(place++).append(". ").append(name).append(" · ").append(number(c.count()));
      text.append('\n');
    }
    return text.toString().strip();
  }

  static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String date(Instant at) {
    return "<t:" + at.getEpochSecond() + ":D>";
  }

  static String playingTime(Duration d) {
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    if (days > 0) {
      return days + " d " + hours + " h";
    }
    return hours > 0 ? hours + " h " + minutes + " min" : minutes + " min";
  }

  /** A not-ready stats for a command built without a reader (tests of the other subcommands). */
  static CompletionStage<?> unavailable(CommandCall call) {
    call.reply(Reply.privately("Stats are not available on this bot."));
    return CompletableFuture.completedFuture(null);
  }
}
